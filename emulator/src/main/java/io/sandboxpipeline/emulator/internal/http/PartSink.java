package io.sandboxpipeline.emulator.internal.http;

import java.io.IOException;

/** Receives the bytes of one multipart part as they stream in. */
@FunctionalInterface
public interface PartSink {

    /** Discards everything. */
    PartSink DISCARD = (bytes, offset, length) -> { };

    void write(byte[] bytes, int offset, int length) throws IOException;
}
