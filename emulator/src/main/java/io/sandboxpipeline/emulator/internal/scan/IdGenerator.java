package io.sandboxpipeline.emulator.internal.scan;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Sandbox-shaped identifiers: 24-hex MongoDB ObjectIds for flows, UUID v4 for reports, tasks and resources. */
public final class IdGenerator {

    private final Random random;
    private final AtomicInteger counter;

    public IdGenerator(Random random) {
        this.random = random;
        this.counter = new AtomicInteger(random.nextInt(1 << 24));
    }

    /** ObjectId layout: 4-byte seconds, 5 random bytes, 3-byte counter. */
    public String flowId(Instant now) {
        return String.format("%08x%010x%06x", now.getEpochSecond() & 0xffff_ffffL,
                random.nextLong() & 0xff_ffff_ffffL, counter.getAndIncrement() & 0xff_ffff);
    }

    public String uuid() {
        long most = (random.nextLong() & ~0xf000L) | 0x4000L;
        long least = (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }
}
