package io.sandboxpipeline.bench;

/**
 * What the measured systems are fed: {@code events} file-arrival events over {@code unique} distinct contents, a share
 * of which the Sandbox's reputation already knows as likely malicious.
 *
 * @param events        events published (the baselines run them as tasks)
 * @param unique        distinct contents among them; every content appears at least once
 * @param knownShare    share of the distinct contents whose hash the reputation knows before the run (0..1)
 * @param fileSizeBytes size of every generated file
 * @param seed          seed of the contents and of the event order; the same seed gives the same workload
 */
record WorkloadSpec(int events, int unique, double knownShare, int fileSizeBytes, long seed) {

    /** Room for the header line and the marker line of a content. */
    static final int MIN_FILE_SIZE = 128;

    WorkloadSpec {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, but was " + events);
        }
        if (unique < 1 || unique > events) {
            throw new IllegalArgumentException("--unique must be between 1 and --events (" + events + "), but was "
                    + unique + ": every distinct content is published at least once");
        }
        if (!(knownShare >= 0.0 && knownShare <= 1.0)) {
            throw new IllegalArgumentException("--known-share must be a share between 0 and 1 (e.g. 0.1 for 10%), "
                    + "but was " + knownShare);
        }
        if (fileSizeBytes < MIN_FILE_SIZE) {
            throw new IllegalArgumentException("--file-size must be at least " + MIN_FILE_SIZE + " bytes, but was "
                    + fileSizeBytes);
        }
    }

    /** Distinct contents the reputation knows: {@code round(unique * knownShare)}. */
    int knownUnique() {
        return (int) Math.round(unique * knownShare);
    }

    /** Share of the events that repeat a content published before: {@code 1 - unique / events}. */
    double duplicateShare() {
        return 1.0 - (double) unique / events;
    }
}
