package io.sandboxpipeline.submitter;

import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.core.source.HttpSourcePolicy;
import io.sandboxpipeline.core.source.S3Settings;
import io.sandboxpipeline.core.streams.DeadLetterBreaker;
import io.sandboxpipeline.core.streams.PipelineConfig;
import io.sandboxpipeline.submitter.cache.CachePolicy;
import io.sandboxpipeline.submitter.ingest.S3EventsTopology;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The submitter stage's configuration.
 *
 * @param pipeline             what all stages share
 * @param hashThreads          worker threads that read and hash sources (file and HTTP I/O)
 * @param maxInFlightHashes    sources being hashed at once per stream task
 * @param maxInFlightLookups   reputation look-ups in flight per stream task
 * @param maxInFlightUploads   uploads in flight per stream task
 * @param retryDeadline        how long an upload is retried on retryable errors (timeouts, 5xx, 429) before it fails
 * @param retryBackoff         first wait after a retryable error; doubles per attempt up to one minute
 * @param reputationCheck      ask the reputation API before uploading (the Workflow Guide's first step)
 * @param reputationBatchSize  most hashes in one bulk look-up ({@code POST /api/reputation/hash}); the service
 *                             documents no limit, so the default is modest, and a batch it refuses is split
 * @param reputationBatchWindow how long a look-up may wait for others to share its call (added latency at most)
 * @param fallbackMaxUploadSize upload limit used until (or if never) the Sandbox reports {@code maxUploadSize}
 * @param scanOptions          options sent with every upload ({@code is_private=true} unless configured otherwise)
 * @param allowedRoots         directories {@code file://} sources must be inside; empty (the default) refuses every
 *                             {@code file://} source
 * @param httpPolicy           which {@code http(s)://} sources may be fetched (public addresses only by default)
 * @param punctuationInterval  how often in-flight work is dispatched and completions drained
 * @param cachePolicy          how long decided verdicts answer new events for the same content
 * @param sourcePolicies       per source (URI prefix): upload or hash-only, and whether reports may be public
 * @param deadLetterMaxShare   share of dead-lettered input (over the last 200 records) that pauses the stage; 1 disables
 * @param deadLetterPause      the first pause when that share is exceeded (doubles while it keeps happening)
 * @param s3EventsTopic        the topic S3 / MinIO / Ceph bucket notifications arrive on, if they are consumed
 * @param s3EventsDedupWindow  how long a repeated notification of the same object version is recognised
 * @param s3                   how to read {@code s3://} sources (S3, MinIO, Ceph RGW), when configured
 * @param findLostUploads      after an upload whose answer was lost (or that a crash interrupted), search the hash's
 *                             reports and adopt a flow created since, instead of uploading again (on by default)
 * @param lostUploadPatience   how long after a lost answer the search may come up empty before the file is uploaded
 *                             again: the service lists a report only once its scan succeeded, so a lost upload that
 *                             is still scanning is found only later (default 2 min)
 */
public record SubmitterConfig(PipelineConfig pipeline, int hashThreads, int maxInFlightHashes, int maxInFlightLookups,
                              int maxInFlightUploads, Duration retryDeadline, Duration retryBackoff, boolean reputationCheck,
                              int reputationBatchSize, Duration reputationBatchWindow,
                              long fallbackMaxUploadSize, ScanOptions scanOptions, List<Path> allowedRoots, HttpSourcePolicy httpPolicy,
                              Duration punctuationInterval, CachePolicy cachePolicy,
                              SourcePolicies sourcePolicies, double deadLetterMaxShare, Duration deadLetterPause,
                              Optional<String> s3EventsTopic, Duration s3EventsDedupWindow,
                              Optional<S3Settings> s3, boolean findLostUploads,
                              Duration lostUploadPatience) {

    public static final String STAGE = "submitter";
    /** A bound on the bulk look-up's batch: a request body of 64 KiB of hashes at most. */
    public static final int MAX_REPUTATION_BATCH = 1_000;

    public SubmitterConfig {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(scanOptions, "scanOptions");
        Objects.requireNonNull(cachePolicy, "cachePolicy");
        Objects.requireNonNull(httpPolicy, "httpPolicy");
        Objects.requireNonNull(sourcePolicies, "sourcePolicies");
        if (deadLetterMaxShare <= 0 || deadLetterMaxShare > 1) {
            throw new ConfigException("submitter.dead.letter.max.share must be in (0, 1], got " + deadLetterMaxShare);
        }
        atLeastOne("submitter.hash.threads", hashThreads);
        atLeastOne("submitter.max.in.flight.hashes", maxInFlightHashes);
        atLeastOne("submitter.max.in.flight.lookups", maxInFlightLookups);
        atLeastOne("submitter.max.in.flight.uploads", maxInFlightUploads);
        atLeastOne("submitter.reputation.batch.size", reputationBatchSize);
        if (reputationBatchSize > MAX_REPUTATION_BATCH) {
            throw new ConfigException("submitter.reputation.batch.size must be at most " + MAX_REPUTATION_BATCH + ", got " + reputationBatchSize);
        }
        if (reputationBatchWindow.isNegative()) {
            throw new ConfigException("submitter.reputation.batch.window must not be negative, got " + reputationBatchWindow);
        }
        if (retryDeadline.isNegative()) {
            throw new ConfigException("submitter.retry.deadline must not be negative, got " + retryDeadline);
        }
        if (fallbackMaxUploadSize < 1) {
            throw new ConfigException("submitter.fallback.max.upload.size must be positive, got " + fallbackMaxUploadSize);
        }
        if (retryBackoff.isNegative() || retryBackoff.isZero()) {
            throw new ConfigException("submitter.retry.backoff must be positive, got " + retryBackoff);
        }
        if (punctuationInterval.toMillis() < 10) {
            throw new ConfigException("submitter.punctuation.interval must be at least 10ms, got " + punctuationInterval);
        }
        allowedRoots = List.copyOf(allowedRoots);
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new ConfigException(key + " must be at least 1, got " + value);
        }
    }

    public static SubmitterConfig from(ConfigValues values) {
        ScanOptions.Builder options = ScanOptions.builder()
                .isPrivate(values.getBoolean("submitter.private", true))
                .isPrivateReport(values.getBoolean("submitter.private.report", true));
        values.get("submitter.scan.profile").ifPresent(options::scanProfile);
        values.get("submitter.tags").ifPresent(tags -> options.tags(List.of(tags.split("\\|"))));
        values.get("submitter.archive.password").ifPresent(options::password);
        return new SubmitterConfig(
                PipelineConfig.from(values),
                values.getInt("submitter.hash.threads", 4),
                values.getInt("submitter.max.in.flight.hashes", 64),
                values.getInt("submitter.max.in.flight.lookups", 32),
                values.getInt("submitter.max.in.flight.uploads", 8),
                values.getDuration("submitter.retry.deadline", Duration.ofMinutes(15)),
                values.getDuration("submitter.retry.backoff", Duration.ofSeconds(2)),
                values.getBoolean("submitter.reputation.check", true),
                values.getInt("submitter.reputation.batch.size", 50),
                values.getDuration("submitter.reputation.batch.window", Duration.ofMillis(500)),
                values.getInt("submitter.fallback.max.upload.size.mb", 100) * 1024L * 1024L,
                options.build(),
                roots(values.get("submitter.allowed.roots", "")),
                new HttpSourcePolicy(List.of(values.get("submitter.http.allowed.hosts", "").split(",")),
                        values.getBoolean("submitter.http.allow.private", false)),
                values.getDuration("submitter.punctuation.interval", Duration.ofMillis(100)),
                CachePolicy.from(values),
                SourcePolicies.from(values, values.getBoolean("submitter.private.report", true)),
                values.getDouble("submitter.dead.letter.max.share", 0.5),
                values.getDuration("submitter.dead.letter.pause", Duration.ofMinutes(1)),
                values.get("s3.events.topic"),
                values.getDuration("s3.events.dedup.window", S3EventsTopology.DEFAULT_DEDUP_WINDOW),
                S3Settings.from(values),
                values.getBoolean("submitter.find.lost.uploads", true),
                values.getDuration("submitter.lost.upload.patience", Duration.ofMinutes(2)));
    }

    /** The breaker that pauses the stage when most input is dead-lettered. */
    public DeadLetterBreaker deadLetterBreaker() {
        return new DeadLetterBreaker(200, 100, deadLetterMaxShare, deadLetterPause);
    }

    private static List<Path> roots(String text) {
        List<Path> roots = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                roots.add(Path.of(part.trim()));
            }
        }
        return roots;
    }
}
