package io.sandboxpipeline.bench;

import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.SandboxClientConfig;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A fresh Sandbox emulator for one measured system, with the settings of a {@link SandboxSpec} and its own random
 * API key (a secret: never printed). Fresh per system so that reputation learned from one system's scans and the
 * quota it used up do not help or hurt the next one.
 */
final class BenchSandbox implements AutoCloseable {

    private final SandboxEmulator emulator;
    private final String apiKey;

    private BenchSandbox(SandboxEmulator emulator, String apiKey) {
        this.emulator = emulator;
        this.apiKey = apiKey;
    }

    static BenchSandbox start(SandboxSpec spec, long maxUploadSizeBytes) {
        return start(spec, maxUploadSizeBytes, 0);
    }

    /** @param uploadsPerSecond the emulator's upload-only quota ({@code POST /api/scan/file}), 0 for none */
    static BenchSandbox start(SandboxSpec spec, long maxUploadSizeBytes, double uploadsPerSecond) {
        String apiKey = "bench-" + UUID.randomUUID();
        Faults faults = Faults.builder().latency(spec.latency()).requestsPerSecondQuota(spec.quotaRps())
                .uploadsPerSecondQuota(uploadsPerSecond).build();
        SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder()
                .apiKey(apiKey)
                .scanDuration(spec.scanDuration())
                .pollPause(spec.pollPause())
                .maxUploadSizeBytes(maxUploadSizeBytes)
                .faults(faults)
                .build());
        return new BenchSandbox(emulator, apiKey);
    }

    /**
     * Starts {@code count} emulators and teaches each the known contents: one upload per content, then waits until
     * those scans have finished and the reputation answers likely malicious for every one of them.
     */
    static List<BenchSandbox> startTaught(int count, SandboxSpec spec, long maxUploadSizeBytes, List<Content> known,
                                          Clock clock) throws InterruptedException {
        List<BenchSandbox> sandboxes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sandboxes.add(start(spec, maxUploadSizeBytes));
            }
            for (BenchSandbox sandbox : sandboxes) {
                sandbox.upload(known);
            }
            Instant lastUpload = clock.instant();
            Duration untilLearned = Duration.between(clock.instant(), lastUpload.plus(spec.scanDuration()));
            if (!known.isEmpty() && !untilLearned.isNegative()) {
                Thread.sleep(untilLearned.toMillis() + 50);
            }
            for (BenchSandbox sandbox : sandboxes) {
                sandbox.awaitKnown(known);
            }
            if (spec.hasQuota() && !known.isEmpty()) {
                // the teaching calls used up the quota's burst: let it refill before anything is measured
                Thread.sleep(Duration.ofSeconds(1).toMillis() + (long) Math.ceil(1000.0 / spec.quotaRps()));
            }
            return sandboxes;
        } catch (RuntimeException | InterruptedException e) {
            sandboxes.forEach(BenchSandbox::close);
            throw e;
        }
    }

    private void upload(List<Content> known) throws InterruptedException {
        try (SandboxClient client = newClient()) {
            for (Content content : known) {
                SandboxCalls.await(() -> client.submitFile(FileUpload.ofPath(content.file()), ScanOptions.defaults()));
            }
        }
    }

    private void awaitKnown(List<Content> known) throws InterruptedException {
        try (SandboxClient client = newClient()) {
            for (Content content : known) {
                HashReputation reputation = SandboxCalls.await(() -> client.hashReputation(content.sha256()));
                if (!reputation.isMaliciousEnoughToSkipScan()) {
                    throw new IllegalStateException("the emulator did not learn the known content " + content.file()
                            + " (reputation says " + reputation.overallVerdict() + "); is --scan-duration too long?");
                }
            }
        }
    }

    /** A client with the library's defaults, as a script would create it. */
    SandboxClient newClient() {
        return SandboxClient.create(SandboxClientConfig.builder().baseUrl(emulator.baseUrl()).apiKey(apiKey).build());
    }

    SandboxEmulator emulator() {
        return emulator;
    }

    String baseUrl() {
        return emulator.baseUrl().toString();
    }

    /** The API key, only for configuring the pipeline under test. */
    String apiKey() {
        return apiKey;
    }

    CallCounts counts(Collection<String> hashes) {
        return CallCounts.of(emulator.stats(), hashes);
    }

    @Override
    public void close() {
        emulator.close();
    }

    @Override
    public String toString() {
        return "BenchSandbox[" + emulator.baseUrl() + "]";
    }
}
