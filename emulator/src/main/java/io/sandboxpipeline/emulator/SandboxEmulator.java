package io.sandboxpipeline.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sandboxpipeline.emulator.internal.account.AccountViews;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import io.sandboxpipeline.emulator.internal.reputation.HashReputationEndpoint;
import io.sandboxpipeline.emulator.internal.reputation.HashesAsked;
import io.sandboxpipeline.emulator.internal.reputation.IocReputationEndpoint;
import io.sandboxpipeline.emulator.internal.reputation.KnownReport;
import io.sandboxpipeline.emulator.internal.reputation.ReputationBook;
import io.sandboxpipeline.emulator.internal.reputation.ReputationKey;
import io.sandboxpipeline.emulator.internal.scan.Flow;
import io.sandboxpipeline.emulator.internal.scan.FlowRegistry;
import io.sandboxpipeline.emulator.internal.scan.IdGenerator;
import io.sandboxpipeline.emulator.internal.scan.ReportOperation;
import io.sandboxpipeline.emulator.internal.scan.ReportRenderer;
import io.sandboxpipeline.emulator.internal.scan.ReportSearchOperation;
import io.sandboxpipeline.emulator.internal.scan.ScanDesk;
import io.sandboxpipeline.emulator.internal.scan.ScanFileOperation;
import io.sandboxpipeline.emulator.internal.scan.ScanUrlOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local MetaDefender Sandbox (filescan.io) API: the JDK's HTTP server on the configured host (loopback by
 * default) with a bounded worker pool, clock-driven scan flows, content-decided verdicts and injectable faults.
 *
 * <pre>{@code
 * try (SandboxEmulator sandbox = SandboxEmulator.start(EmulatorConfig.builder().apiKey("k").build())) {
 *     URI api = sandbox.baseUrl(); // http://127.0.0.1:<port>; paths start with /api/
 * }
 * }</pre>
 */
public final class SandboxEmulator implements AutoCloseable {

    /** sha256 of the 68-byte standard EICAR test file (no trailing newline), known malicious from the start. */
    public static final String EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxEmulator.class);
    private static final int WORKER_THREADS = 64;
    private static final int ACCEPT_BACKLOG = 1024;
    private static final String EICAR_REPORT_ID = "e1ca4000-0000-4000-8000-000000000001";
    private static final String EICAR_FLOW_ID = "65a1e1ca0000000000000001";
    /**
     * The JDK server flushes response headers and body as separate TCP segments; without TCP_NODELAY every answer
     * waits for the client's delayed ACK (~40 ms instead of ~1 ms). The JDK reads this property once, when the first
     * HttpServer of the JVM is created, and offers no per-server option.
     */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final EmulatorConfig config;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final FlowRegistry flows;
    private final FaultInjector faults;
    private final EmulatorStats stats;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final ApiDispatcher dispatcher;

    private SandboxEmulator(EmulatorConfig config, HttpServer server, ExecutorService workers,
                            ScheduledExecutorService scheduler, FlowRegistry flows, FaultInjector faults,
                            EmulatorStats stats, ApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.server = server;
        this.workers = workers;
        this.scheduler = scheduler;
        this.flows = flows;
        this.faults = faults;
        this.stats = stats;
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.baseUrl = URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    /** Starts an emulator whose scan state machine (and quota bucket) follow {@code clock}. */
    public static SandboxEmulator start(EmulatorConfig config, Clock clock) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        ObjectMapper mapper = new ObjectMapper();
        FlowRegistry flows = new FlowRegistry();
        ReputationBook reputation = new ReputationBook();
        HashesAsked hashesAsked = new HashesAsked();
        knowEicar(reputation, clock.instant());
        FaultInjector faults = new FaultInjector(config.faults(), new Random(config.randomSeed() ^ 0x5eed_fa17L),
                clock);
        ScanDesk desk = new ScanDesk(config, clock, flows, reputation, new IdGenerator(new Random(config.randomSeed())),
                faults::failFlow);
        Router router = new Router(new AccountViews(config),
                new HashReputationEndpoint(reputation, clock, mapper, hashesAsked),
                new IocReputationEndpoint(reputation, clock, mapper), new ScanFileOperation(desk, config.maxUploadSizeBytes()),
                new ScanUrlOperation(desk), new ReportOperation(flows, new ReportRenderer(config), clock),
                new ReportSearchOperation(flows, clock, () -> faults.current().strangersInSearch()));
        RequestCounters counters = new RequestCounters();
        ExecutorService workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("sandbox-emulator-worker-"));
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(daemonThreads("sandbox-emulator-delay-"));
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()),
                    ACCEPT_BACKLOG);
        } catch (IOException e) {
            workers.shutdownNow();
            scheduler.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port()
                    + " (is the port taken? use port 0 for an ephemeral port)", e);
        }
        ApiDispatcher dispatcher = new ApiDispatcher(router, config.apiKey(), counters, flows, faults, mapper, workers,
                scheduler);
        server.createContext("/", dispatcher);
        server.setExecutor(workers);
        server.start();
        SandboxEmulator emulator = new SandboxEmulator(config, server, workers, scheduler, flows, faults,
                new EmulatorStats(counters, flows, hashesAsked), dispatcher);
        LOG.info("MetaDefender Sandbox emulator listening on {}", emulator.baseUrl());
        return emulator;
    }

    /** Starts an emulator on the system UTC clock. */
    public static SandboxEmulator start(EmulatorConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** {@code http://host:port}, without a trailing slash; API paths start with {@code /api/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address the server socket is bound to. */
    public InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    public EmulatorConfig config() {
        return config;
    }

    public EmulatorStats stats() {
        return stats;
    }

    /**
     * Hands every answer to {@code observer} as it is made (on the server's threads): tests use it to hold the emulator
     * to the service's OpenAPI document. One observer at a time.
     */
    public void observeExchanges(Consumer<Exchange> observer) {
        dispatcher.observe(observer);
    }

    /** Replaces the fault knobs; takes effect for the next request. */
    public void setFaults(Faults faults) {
        this.faults.set(Objects.requireNonNull(faults, "faults must not be null (use Faults.none())"));
    }

    /** The fault knobs in effect. */
    public Faults faults() {
        return faults.current();
    }

    /** What was submitted for a flow (form fields, file name, size, sha256), if the flow exists. */
    public Optional<SubmittedScan> submission(String flowId) {
        return flows.find(flowId).map(Flow::submission);
    }

    /** Stops the server promptly: open connections are closed, delayed answers are dropped. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("MetaDefender Sandbox emulator on {} stopped", baseUrl);
    }

    @Override
    public String toString() {
        return "SandboxEmulator[" + baseUrl + "]";
    }

    /** The EICAR test file is known malicious from the start, with one synthetic report a month old. */
    private static void knowEicar(ReputationBook reputation, Instant now) {
        Instant reported = now.minus(Duration.ofDays(30));
        reputation.expect(ReputationKey.hash(EICAR_SHA256), new KnownReport(reported, EmulatedVerdict.MALICIOUS,
                EICAR_REPORT_ID, EICAR_FLOW_ID, SandboxDates.reportDate(reported)));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
