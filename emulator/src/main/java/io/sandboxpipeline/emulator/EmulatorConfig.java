package io.sandboxpipeline.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link SandboxEmulator}. Build it with {@link #builder()}; only {@code apiKey} is required.
 *
 * @param host               interface to bind, default {@code 127.0.0.1}
 * @param port               TCP port, 0 = ephemeral (default)
 * @param apiKey             the only accepted {@code X-Api-Key}; never printed by {@link #toString()}
 * @param scanDuration       time from submission to {@code allFinished:true}, default 4 s
 * @param queueDuration      time a flow stays {@code queued} (with {@code reports:{}}), default 0.5 s; a value longer
 *                           than {@code scanDuration} is cut to it (the flow then never shows {@code in_progress})
 * @param pollPause          the {@code pollPause} (seconds) the report endpoint returns, default 5
 * @param maxUploadSizeBytes largest accepted file part, default 100 MiB; {@code /api/system/config} reports it as
 *                           whole MiB ({@code maxUploadSize}, rounded down)
 * @param failAttempts       content with the {@code SANDBOX-TEST:FAIL} marker fails its first N scans of the same
 *                           submitted sha256 and then scans normally; default {@link Integer#MAX_VALUE} (always fails)
 * @param faults             injected faults, default {@link Faults#none()}
 * @param randomSeed         seed of ids and fault dice, default 42
 */
public record EmulatorConfig(
        String host,
        int port,
        String apiKey,
        Duration scanDuration,
        Duration queueDuration,
        int pollPause,
        long maxUploadSizeBytes,
        int failAttempts,
        Faults faults,
        long randomSeed) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_SCAN_DURATION = Duration.ofSeconds(4);
    public static final Duration DEFAULT_QUEUE_DURATION = Duration.ofMillis(500);
    public static final int DEFAULT_POLL_PAUSE = 5;
    public static final long DEFAULT_MAX_UPLOAD_SIZE_BYTES = 100L * 1024 * 1024;
    public static final long DEFAULT_RANDOM_SEED = 42L;

    public EmulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank (use 127.0.0.1 to listen on loopback only)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within [0,65535] (0 = ephemeral), but was " + port);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank: set the key clients will send as X-Api-Key");
        }
        requireNotNegative("scanDuration", scanDuration);
        requireNotNegative("queueDuration", queueDuration);
        if (pollPause < 0) {
            throw new IllegalArgumentException("pollPause must not be negative (seconds), but was " + pollPause);
        }
        if (maxUploadSizeBytes <= 0) {
            throw new IllegalArgumentException("maxUploadSizeBytes must be positive, but was " + maxUploadSizeBytes);
        }
        if (failAttempts < 0) {
            throw new IllegalArgumentException("failAttempts must not be negative (0 = SANDBOX-TEST:FAIL never fails), "
                    + "but was " + failAttempts);
        }
        Objects.requireNonNull(faults, "faults must not be null (use Faults.none())");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .apiKey(apiKey)
                .scanDuration(scanDuration)
                .queueDuration(queueDuration)
                .pollPause(pollPause)
                .maxUploadSizeBytes(maxUploadSizeBytes)
                .failAttempts(failAttempts)
                .faults(faults)
                .randomSeed(randomSeed);
    }

    /** The time a flow stays queued: {@code queueDuration}, at most {@code scanDuration}. */
    public Duration effectiveQueueDuration() {
        return queueDuration.compareTo(scanDuration) > 0 ? scanDuration : queueDuration;
    }

    @Override
    public String toString() {
        return "EmulatorConfig[host=" + host + ", port=" + port + ", apiKey=***, scanDuration=" + scanDuration
                + ", queueDuration=" + queueDuration + ", pollPause=" + pollPause
                + ", maxUploadSizeBytes=" + maxUploadSizeBytes + ", failAttempts=" + failAttempts
                + ", faults=" + faults + ", randomSeed=" + randomSeed + "]";
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name + " must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + duration);
        }
    }

    /** Fluent builder with the documented defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private String apiKey;
        private Duration scanDuration = DEFAULT_SCAN_DURATION;
        private Duration queueDuration = DEFAULT_QUEUE_DURATION;
        private int pollPause = DEFAULT_POLL_PAUSE;
        private long maxUploadSizeBytes = DEFAULT_MAX_UPLOAD_SIZE_BYTES;
        private int failAttempts = Integer.MAX_VALUE;
        private Faults faults = Faults.none();
        private long randomSeed = DEFAULT_RANDOM_SEED;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder scanDuration(Duration scanDuration) {
            this.scanDuration = scanDuration;
            return this;
        }

        public Builder queueDuration(Duration queueDuration) {
            this.queueDuration = queueDuration;
            return this;
        }

        public Builder pollPause(int pollPause) {
            this.pollPause = pollPause;
            return this;
        }

        public Builder maxUploadSizeBytes(long maxUploadSizeBytes) {
            this.maxUploadSizeBytes = maxUploadSizeBytes;
            return this;
        }

        public Builder failAttempts(int failAttempts) {
            this.failAttempts = failAttempts;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(host, port, apiKey, scanDuration, queueDuration, pollPause, maxUploadSizeBytes,
                    failAttempts, faults, randomSeed);
        }
    }
}
