package io.sandboxpipeline.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code bench} run measured, with the settings it ran with; the parts of modes that did not run are
 * empty.
 */
record BenchResults(Instant startedAt, BenchMode mode, List<String> arguments, MachineLoad load, WorkloadSpec workload,
                    SandboxSpec sandbox, BaselineSpec baselines, Map<String, String> pipelineSettings,
                    Optional<PipelineBench.Comparison> comparison, Optional<CacheBench.Result> cache,
                    Optional<HashBench.Result> hash, Optional<LargeFileBench.Result> large,
                    Optional<SteadyBench.Result> steady, Optional<BacklogResult> backlog) {

    /**
     * The system load average (runnable processes, averaged over a minute) when the run started and ended: a run on
     * a machine busy with other work measures that work too.
     */
    record MachineLoad(double atStart, double atEnd) {
    }

    BenchResults {
        arguments = List.copyOf(arguments);
        pipelineSettings = Map.copyOf(pipelineSettings);
    }

    /** Whether every part that ran measured what it set out to (all events ended, files hashed alike, ...). */
    boolean allComplete() {
        boolean comparisonOk = comparison.map(c -> c.pipeline().complete() && c.pool().complete()
                && c.sequential().complete()).orElse(true);
        boolean cacheOk = cache.map(c -> c.complete() && c.warmUpComplete()).orElse(true);
        boolean hashOk = hash.map(HashBench.Result::digestsAgree).orElse(true);
        boolean steadyOk = steady.map(SteadyBench.Result::complete).orElse(true);
        boolean backlogOk = backlog.map(BacklogResult::complete).orElse(true);
        return comparisonOk && cacheOk && hashOk && steadyOk && backlogOk;
    }
}
