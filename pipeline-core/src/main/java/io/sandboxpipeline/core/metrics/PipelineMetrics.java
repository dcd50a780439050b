package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.sandboxpipeline.core.quota.SandboxEndpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The metrics one stage instance's processors report: events in, verdicts out and their latency, dead letters, cache
 * hits and misses, events attached to work in flight, retries, the gap between polls of a flow, and gauges of work in
 * flight.
 *
 * <p>Create one per stage and registry ({@code new PipelineMetrics(registry, "poller")}) and share it between the
 * stage's processors; every meter carries the tag {@code stage}. A second instance for the same stage on the same
 * registry would share the counters but not the gauges (Micrometer keeps the first gauge of a name and tags).
 * Every method is safe to call from any thread. {@link #noop()} is for tests and tools that do not publish metrics.
 */
public final class PipelineMetrics {

    public static final String EVENTS_IN = "sandbox.pipeline.events.in";
    public static final String VERDICTS_OUT = "sandbox.pipeline.verdicts.out";
    public static final String DEAD_LETTERS = "sandbox.pipeline.dead.letters";
    public static final String CACHE_HITS = "sandbox.pipeline.cache.hits";
    public static final String CACHE_MISSES = "sandbox.pipeline.cache.misses";
    public static final String EVENTS_COALESCED = "sandbox.pipeline.events.coalesced";
    public static final String RETRIES = "sandbox.pipeline.retries";
    public static final String LOST_UPLOADS_FOUND = "sandbox.pipeline.lost.uploads.found";
    public static final String FLOW_HASH_MISMATCHES = "sandbox.pipeline.flow.hash.mismatches";
    public static final String ORPHAN_RESULTS = "sandbox.pipeline.orphan.results";
    public static final String POLL_DELAY = "sandbox.pipeline.poll.delay";
    public static final String VERDICT_LATENCY = "sandbox.pipeline.verdict.latency";
    public static final String FLOWS_IN_FLIGHT = "sandbox.pipeline.flows.in.flight";
    public static final String POLLS_PENDING = "sandbox.pipeline.polls.pending";

    /**
     * Bucket bounds of the poll delay histogram: the 2 s floor, the {@code pollPause} values seen (5 s, 12 s), the
     * back-off up to its 30 s cap, and longer gaps that only a {@code Retry-After} or a backlog causes.
     */
    private static final Duration[] POLL_DELAY_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(8),
        Duration.ofSeconds(12), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5)};

    /**
     * Bucket bounds of the verdict latency histogram: cache and reputation answers within seconds, a Sandbox scan in
     * minutes, and the 30 min scan deadline.
     */
    private static final Duration[] VERDICT_LATENCY_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
        Duration.ofMinutes(45), Duration.ofHours(1)};

    private final String stage;
    private final Counter eventsIn;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter coalesced;
    private final Counter lostUploadsFound;
    private final Counter flowHashMismatches;
    private final Counter orphanResults;
    private final Meter.MeterProvider<Counter> verdicts;
    private final Meter.MeterProvider<Counter> deadLetters;
    private final Meter.MeterProvider<Counter> retries;
    private final Timer pollDelay;
    private final Meter.MeterProvider<Timer> verdictLatency;
    private final SummedGauge inFlightFlows;
    private final SummedGauge pendingPolls;

    /**
     * @param registry where the meters go (the app's Prometheus registry)
     * @param stage    the stage name for the {@code stage} tag: submitter, poller or enricher
     */
    public PipelineMetrics(MeterRegistry registry, String stage) {
        Objects.requireNonNull(registry, "registry");
        this.stage = MetricTags.requireName(stage, "stage");
        Tags tags = MetricTags.stage(stage);
        this.eventsIn = Counter.builder(EVENTS_IN).description("Input events the stage accepted").tags(tags).register(registry);
        this.cacheHits = Counter.builder(CACHE_HITS).description("Events answered from the verdict cache").tags(tags).register(registry);
        this.cacheMisses = Counter.builder(CACHE_MISSES).description("Events the verdict cache could not answer").tags(tags).register(registry);
        this.coalesced = Counter.builder(EVENTS_COALESCED).description("Events attached to work already in flight for the same content")
                .tags(tags).register(registry);
        this.lostUploadsFound = Counter.builder(LOST_UPLOADS_FOUND)
                .description("Uploads whose answer was lost (or cut short by a crash) whose flow a search found: not uploaded again")
                .tags(tags).register(registry);
        this.flowHashMismatches = Counter.builder(FLOW_HASH_MISMATCHES)
                .description("Finished flows whose report names another file than the content they were uploaded or adopted for")
                .tags(tags).register(registry);
        this.orphanResults = Counter.builder(ORPHAN_RESULTS)
                .description("Flow results that matched no work in progress (already answered, or superseded by another flow)")
                .tags(tags).register(registry);
        this.verdicts = Counter.builder(VERDICTS_OUT).description("Terminal verdicts published, by verdict, decider and status")
                .tags(tags).withRegistry(registry);
        this.deadLetters = Counter.builder(DEAD_LETTERS).description("Input records dead-lettered, by error type")
                .tags(tags).withRegistry(registry);
        this.retries = Counter.builder(RETRIES).description("Sandbox calls retried after a failure, by endpoint")
                .tags(tags).withRegistry(registry);
        this.pollDelay = Timer.builder(POLL_DELAY).description("Gap between two polls of the same flow")
                .serviceLevelObjectives(POLL_DELAY_BUCKETS).tags(tags).register(registry);
        this.verdictLatency = Timer.builder(VERDICT_LATENCY).description("Time from a file's arrival to its published verdict, by decider")
                .serviceLevelObjectives(VERDICT_LATENCY_BUCKETS).tags(tags).withRegistry(registry);
        this.inFlightFlows = new SummedGauge(registry, FLOWS_IN_FLIGHT, "Flows submitted and waiting for their final report", tags);
        this.pendingPolls = new SummedGauge(registry, POLLS_PENDING, "Polls that are due and not yet answered", tags);
    }

    /** Metrics that go nowhere: every method works, nothing is published. */
    public static PipelineMetrics noop() {
        return new PipelineMetrics(new CompositeMeterRegistry(), "noop");
    }

    public String stage() {
        return stage;
    }

    /** One input event accepted (a file arrival hashed, a flow to poll, an outcome to enrich). */
    public void eventIn() {
        eventsIn.increment();
    }

    /**
     * One terminal verdict published.
     *
     * @param verdict   e.g. {@code MALICIOUS}, {@code NO_THREAT}; null when the event has none
     * @param decidedBy e.g. {@code SANDBOX}, {@code REPUTATION}, {@code CACHE}, {@code NONE}
     * @param status    e.g. {@code DONE}, {@code FAILED}, {@code SKIPPED}, {@code TIMED_OUT}
     */
    public void verdictOut(String verdict, String decidedBy, String status) {
        verdicts.withTags("verdict", MetricTags.value(verdict), "decided_by", MetricTags.value(decidedBy),
                "status", MetricTags.value(status)).increment();
    }

    /** One record dead-lettered; {@code errorType} is the machine-readable type, e.g. {@code INVALID_EVENT}, never the reason text. */
    public void deadLetter(String errorType) {
        deadLetters.withTags("error_type", MetricTags.value(errorType)).increment();
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    /** One event attached to the look-up, upload or scan already in flight for its content. */
    public void coalesced() {
        coalesced.increment();
    }

    /** One flow found by a search and adopted, instead of uploading a file again whose answer was lost. */
    public void lostUploadFound() {
        lostUploadsFound.increment();
    }

    /** A finished flow's report names another file than the content: not its verdict. */
    public void flowHashMismatch() {
        flowHashMismatches.increment();
    }

    /** A flow result that no work in progress waits for. */
    public void orphanResult() {
        orphanResults.increment();
    }

    /** One retry of a Sandbox call, e.g. {@code retry("upload")}; use the endpoint names of {@link SandboxEndpoint}. */
    public void retry(String endpoint) {
        retries.withTags(MetricTags.ENDPOINT, MetricTags.requireName(endpoint, "endpoint")).increment();
    }

    public void retry(SandboxEndpoint endpoint) {
        retry(endpoint.configName());
    }

    /** The gap between the previous poll of a flow (or its submission, for the first poll) and this one. */
    public void pollDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (!delay.isNegative()) {
            pollDelay.record(delay);
        }
    }

    /**
     * The time from an event's arrival (its {@code arrivalTime}) to the publication of its verdict.
     *
     * @param decidedBy e.g. {@code CACHE}, {@code REPUTATION}, {@code SANDBOX}: their latencies differ by orders of magnitude
     */
    public void verdictLatency(Duration latency, String decidedBy) {
        Objects.requireNonNull(latency, "latency");
        if (!latency.isNegative()) {
            verdictLatency.withTags("decided_by", MetricTags.value(decidedBy)).record(latency);
        }
    }

    /**
     * Adds a source of the in-flight flow count; the gauge shows the sum over all sources, so every stream task
     * registers its own in {@code init} and closes the registration in {@code close}. The supplier is called on the
     * scrape thread: read a value the stream thread maintains (an {@code AtomicInteger}), never a state store.
     */
    public Registration inFlightFlows(Supplier<? extends Number> count) {
        return inFlightFlows.add(count);
    }

    /** Adds a source of the count of polls that are due and not yet answered; as {@link #inFlightFlows}. */
    public Registration pendingPolls(Supplier<? extends Number> count) {
        return pendingPolls.add(count);
    }
}
