package io.sandboxpipeline.bench;

import io.sandboxpipeline.core.source.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our SHA-256 ({@link Sha256#of(Path)}, what the submitter hashes files with) against {@code openssl dgst -sha256}
 * on the same generated file, read from the page cache by both. Each is run {@value #ROUNDS} times, alternating, and
 * the fastest run of each counts (the first runs warm the JIT and the page cache). Reports throughput in GB/s
 * (10^9 bytes per second of wall time) and the heap our hashing used.
 */
final class HashBench {

    static final int ROUNDS = 3;
    private static final Pattern OPENSSL_DIGEST = Pattern.compile("=\\s*([0-9a-fA-F]{64})\\s*$");
    private static final Duration OPENSSL_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The comparison.
     *
     * @param opensslSeconds  fastest openssl run; empty when openssl is missing or failed (see {@code note})
     * @param heapGrowthBytes the most the used heap grew over its level before hashing
     * @param digestsAgree    whether ours, openssl's and the generator's digests are equal
     */
    record Result(long bytes, double oursSeconds, Optional<Double> opensslSeconds, long heapGrowthBytes,
                  long heapPeakBytes, boolean digestsAgree, String opensslVersion, String note) {

        double oursGbPerSecond() {
            return bytes / oursSeconds / 1e9;
        }

        Optional<Double> opensslGbPerSecond() {
            return opensslSeconds.map(seconds -> bytes / seconds / 1e9);
        }

        /** Our speed over openssl's; empty without openssl. */
        Optional<Double> ratio() {
            return opensslSeconds.map(seconds -> seconds / oursSeconds);
        }
    }

    Result run(Path dir, long sizeBytes) throws IOException, InterruptedException {
        Path file = dir.resolve("hash-bench.bin");
        try {
            String expected = BigFile.write(file, sizeBytes, 0x5ee_d256L);
            Optional<String> version = opensslVersion();
            double ours = Double.MAX_VALUE;
            double openssl = Double.MAX_VALUE;
            long heapGrowth = 0;
            long heapPeak = 0;
            boolean agree = true;
            String note = version.isPresent() ? "" : "openssl not found on PATH: no ratio";
            for (int round = 0; round < ROUNDS; round++) {
                if (version.isPresent()) {
                    Optional<Timed> timed = openssl(file);
                    if (timed.isEmpty()) {
                        note = "openssl dgst -sha256 failed: no ratio";
                        version = Optional.empty();
                    } else {
                        openssl = Math.min(openssl, timed.get().seconds());
                        agree &= timed.get().digest().equalsIgnoreCase(expected);
                    }
                }
                System.gc();
                HeapWatch heap = HeapWatch.start();
                long start = System.nanoTime();
                Sha256.Digest digest = Sha256.of(file);
                double seconds = (System.nanoTime() - start) / 1e9;
                HeapWatch.Peak peak = heap.stop();
                ours = Math.min(ours, seconds);
                heapGrowth = Math.max(heapGrowth, peak.sampledBytes() - peak.startBytes());
                heapPeak = Math.max(heapPeak, peak.sampledBytes());
                agree &= digest.sha256().equals(expected) && digest.size() == sizeBytes;
            }
            Optional<Double> opensslSeconds = version.isPresent() ? Optional.of(openssl) : Optional.empty();
            return new Result(sizeBytes, ours, opensslSeconds, heapGrowth, heapPeak, agree, version.orElse("-"), note);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Timed(double seconds, String digest) {
    }

    private static Optional<Timed> openssl(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Optional<String> output = run("openssl", "dgst", "-sha256", file.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = OPENSSL_DIGEST.matcher(output.get().strip());
        return matcher.find()
                ? Optional.of(new Timed(seconds, matcher.group(1).toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    static Optional<String> opensslVersion() throws InterruptedException {
        try {
            return run("openssl", "version").map(String::strip);
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }

    /** Runs a command and returns its standard output, or empty if it failed or took too long. */
    private static Optional<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(OPENSSL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.empty();
        }
        return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
    }
}
