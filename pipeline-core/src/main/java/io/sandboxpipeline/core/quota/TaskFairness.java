package io.sandboxpipeline.core.quota;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares one lane of one endpoint fairly between the stream tasks (partitions) of an instance. Each punctuator asks
 * until it is refused, and the tasks of a stream thread always run in the same order, so without this the first task
 * with a backlog would take every token and slot and the others would wait forever.
 *
 * <p>The rule is start-time fair queuing without a queue: every task counts the calls it was granted, and a task
 * that has been granted more than another task that is <em>starved</em> (refused within the last second and not
 * granted since) is refused, leaving the capacity for the starved one, which asks again at its next tick at the
 * latest. Among tasks with a backlog the counts therefore converge and then stay within one of each other, whatever
 * order they ask in; a refused task leaves the token or slot to the next asker. Tasks without unmet demand hold
 * nobody back, so a lone task may use everything. The price: a starved task that stops asking (its own in-flight cap
 * is full, or it was closed) holds better-served tasks back for up to one second; tokens saved meanwhile stay in the
 * bucket, but a concurrency slot may stay idle that long.
 *
 * <p>A task that (re)appears after being idle starts at the lowest count of the active tasks, so a quiet partition
 * cannot save up credit and then crowd the others out.
 *
 * <p>Not thread-safe on its own: {@link EndpointQuota} guards it.
 */
final class TaskFairness {

    /** How long a refusal, or any request, keeps a task counted as having demand. */
    static final long DEMAND_WINDOW_MS = 1_000;
    /** Tasks idle this long are forgotten (a rebalance moved them away). */
    private static final long FORGET_AFTER_MS = 60 * DEMAND_WINDOW_MS;

    private static final class Task {
        long granted;
        long lastSeenMs;
        long refusedAtMs;
        boolean starved;
    }

    private final Map<String, Task> tasks = new HashMap<>();

    /** Registers a request and says whether fairness lets the task take capacity now. */
    boolean mayTake(String taskId, long nowMs) {
        Task me = arrive(taskId, nowMs);
        for (Task other : tasks.values()) {
            if (other != me && isStarved(other, nowMs) && other.granted < me.granted) {
                return false;
            }
        }
        return true;
    }

    void granted(String taskId) {
        Task task = tasks.get(taskId);
        task.granted++;
        task.starved = false;
    }

    void refused(String taskId, long nowMs) {
        Task task = tasks.get(taskId);
        task.starved = true;
        task.refusedAtMs = Math.max(task.refusedAtMs, nowMs);
    }

    private Task arrive(String taskId, long nowMs) {
        Task task = tasks.get(taskId);
        if (task == null) {
            forgetIdle(nowMs);
            task = new Task();
            task.lastSeenMs = nowMs;
            tasks.put(taskId, task);
            task.granted = lowestActiveCount(task, nowMs, 0);
        } else if (nowMs - task.lastSeenMs >= DEMAND_WINDOW_MS) {
            task.granted = Math.max(task.granted, lowestActiveCount(task, nowMs, task.granted));
        }
        task.lastSeenMs = Math.max(task.lastSeenMs, nowMs);
        return task;
    }

    private long lowestActiveCount(Task except, long nowMs, long whenNone) {
        long lowest = Long.MAX_VALUE;
        for (Task other : tasks.values()) {
            if (other != except && nowMs - other.lastSeenMs < DEMAND_WINDOW_MS) {
                lowest = Math.min(lowest, other.granted);
            }
        }
        return lowest == Long.MAX_VALUE ? whenNone : lowest;
    }

    private static boolean isStarved(Task task, long nowMs) {
        return task.starved && nowMs - task.refusedAtMs < DEMAND_WINDOW_MS;
    }

    private void forgetIdle(long nowMs) {
        tasks.values().removeIf(task -> nowMs - task.lastSeenMs >= FORGET_AFTER_MS);
    }

    int knownTasks() {
        return tasks.size();
    }
}
