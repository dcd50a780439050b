package io.sandboxpipeline.enricher;

import io.sandboxpipeline.core.async.MeteredCalls;
import io.sandboxpipeline.core.quota.Lane;
import io.sandboxpipeline.core.streams.DueCursor;
import io.sandboxpipeline.core.streams.DueKeys;
import io.sandboxpipeline.schemas.ScanOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Verdicts waiting for their flow's extended report, in three changelogged stores: each waiting outcome by event id,
 * the events each flow's report will answer ({@code flowId -> [dueMs, eventId...]}), and a queue of the flows whose
 * report is to be fetched, keyed by due time ({@link DueKeys}). A punctuation reads the queue's head only (from its
 * {@link DueCursor}), so its work does not grow with the number of verdicts waiting, nor with those answered before; a
 * finished fetch answers its flow's events without a search.
 *
 * <p>Outcomes written by a version before the queue existed have no flow entry; {@link #adoptUnqueued} queues them.
 */
final class WaitingVerdicts {

    private final KeyValueStore<String, ScanOutcome> outcomes;
    private final KeyValueStore<String, List<String>> flows;
    private final KeyValueStore<Bytes, String> queue;
    private final DueCursor cursor = new DueCursor();
    private boolean adoptionChecked;

    WaitingVerdicts(KeyValueStore<String, ScanOutcome> outcomes, KeyValueStore<String, List<String>> flows,
                    KeyValueStore<Bytes, String> queue) {
        this.outcomes = outcomes;
        this.flows = flows;
        this.queue = queue;
    }

    /**
     * Keeps the outcome until its flow's report is known.
     *
     * @return true when the flow was not waited for yet (it is queued now, due at {@code nowMs})
     */
    boolean add(String flowId, ScanOutcome outcome, long nowMs) {
        String eventId = outcome.getEvent().getEventId();
        outcomes.put(eventId, outcome);
        List<String> entry = flows.get(flowId);
        if (entry == null) {
            flows.put(flowId, List.of(Long.toString(nowMs), eventId));
            queue.put(DueKeys.of(nowMs, flowId), flowId);
            cursor.scheduled(nowMs);
            return true;
        }
        if (!entry.subList(1, entry.size()).contains(eventId)) {
            List<String> longer = new ArrayList<>(entry);
            longer.add(eventId);
            flows.put(flowId, longer);
        }
        return false;
    }

    /** The flows whose report is due to be fetched at {@code nowMs}, oldest first; the caller closes the iterator. */
    KeyValueIterator<Bytes, String> due(long nowMs) {
        return cursor.follow(queue.range(DueKeys.of(cursor.fromMs(), ""), DueKeys.upTo(nowMs)), DueKeys::dueAt, nowMs);
    }

    /** The flow's fetch waits until {@code dueMs} (its back-off). */
    void postpone(String flowId, long dueMs) {
        List<String> entry = flows.get(flowId);
        if (entry == null) {
            return;
        }
        queue.delete(DueKeys.of(Long.parseLong(entry.get(0)), flowId));
        List<String> moved = new ArrayList<>(entry);
        moved.set(0, Long.toString(dueMs));
        flows.put(flowId, moved);
        queue.put(DueKeys.of(dueMs, flowId), flowId);
        cursor.scheduled(dueMs);
    }

    /** Live when any event waiting for the flow is live: its fetch then draws on the live share of the quota. */
    Lane laneOf(String flowId) {
        List<String> entry = flows.get(flowId);
        if (entry == null) {
            return Lane.LIVE;
        }
        for (String eventId : entry.subList(1, entry.size())) {
            ScanOutcome outcome = outcomes.get(eventId);
            if (outcome != null && MeteredCalls.laneOf(outcome.getEvent().getLane()) == Lane.LIVE) {
                return Lane.LIVE;
            }
        }
        return Lane.REPLAY;
    }

    /** Removes and returns every outcome waiting for the flow (its report is known, or will not be). */
    List<ScanOutcome> take(String flowId) {
        List<String> entry = flows.get(flowId);
        if (entry == null) {
            return List.of();
        }
        List<ScanOutcome> waiting = new ArrayList<>(entry.size() - 1);
        for (String eventId : entry.subList(1, entry.size())) {
            ScanOutcome outcome = outcomes.get(eventId);
            if (outcome != null) {
                outcomes.delete(eventId);
                waiting.add(outcome);
            }
        }
        queue.delete(DueKeys.of(Long.parseLong(entry.get(0)), flowId));
        flows.delete(flowId);
        return waiting;
    }

    /**
     * Queues outcomes kept by a version before the queue existed, as found after an upgrade: checked once per task, on
     * its first tick.
     *
     * @param flowOf the flow whose report an outcome waits for (every kept outcome has one)
     * @return how many outcomes were queued
     */
    int adoptUnqueued(Function<ScanOutcome, String> flowOf, long nowMs) {
        if (adoptionChecked) {
            return 0;
        }
        adoptionChecked = true;
        try (KeyValueIterator<Bytes, String> anyQueued = queue.all()) {
            if (anyQueued.hasNext()) {
                return 0;
            }
        }
        List<KeyValue<String, ScanOutcome>> unqueued = new ArrayList<>();
        try (KeyValueIterator<String, ScanOutcome> it = outcomes.all()) {
            it.forEachRemaining(unqueued::add);
        }
        for (KeyValue<String, ScanOutcome> entry : unqueued) {
            add(flowOf.apply(entry.value), entry.value, nowMs);
        }
        return unqueued.size();
    }
}
