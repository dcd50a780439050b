package io.sandboxpipeline.emulator.internal.reputation;

import java.util.HexFormat;

/**
 * The sha256s the hash reputation endpoints were asked about: how many times in all, and how many distinct ones. A
 * client that looks each content up once asks as often as there are distinct hashes; a client that batches makes far
 * fewer requests than either.
 *
 * <p>Distinct hashes are kept as the first 8 bytes of each sha256 in an open-addressing table of longs (16 bytes per
 * hash at most), so that counting 100,000 of them weighs about 2 MiB on the heap instead of the 15 MiB a set of strings
 * would: the benchmark measures the heap of a JVM this emulator runs in. Two distinct sha256s sharing their first 8
 * bytes would be counted once; among random hashes that is vanishingly rare. Thread-safe.
 */
public final class HashesAsked {

    private static final int INITIAL_CAPACITY = 1 << 10;
    /** Marks a free slot; a hash whose prefix is 0 is counted by {@link #zeroSeen} instead. */
    private static final long FREE = 0L;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int distinct;
    private boolean zeroSeen;
    private long asked;

    /** Notes one question about {@code sha256} (64 hexadecimal characters, any case). */
    public synchronized void record(String sha256) {
        asked++;
        long prefix = HexFormat.fromHexDigitsToLong(sha256, 0, 16);
        if (prefix == FREE) {
            if (!zeroSeen) {
                zeroSeen = true;
                distinct++;
            }
            return;
        }
        if (insert(slots, prefix)) {
            distinct++;
            if (distinct * 2 > slots.length) {
                grow();
            }
        }
    }

    /** Hashes asked about, each time it was asked. */
    public synchronized long asked() {
        return asked;
    }

    /** Distinct hashes asked about. */
    public synchronized long distinct() {
        return distinct;
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long prefix : slots) {
            if (prefix != FREE) {
                insert(larger, prefix);
            }
        }
        slots = larger;
    }

    /** Linear probing; true when the prefix was not there yet. */
    private static boolean insert(long[] table, long prefix) {
        int mask = table.length - 1;
        int index = Long.hashCode(prefix * 0x9E3779B97F4A7C15L) & mask;
        while (table[index] != FREE) {
            if (table[index] == prefix) {
                return false;
            }
            index = (index + 1) & mask;
        }
        table[index] = prefix;
        return true;
    }
}
