package io.sandboxpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Small files of distinct contents, each a function of its index: nothing about them has to be kept in memory, so the
 * heap the backlog mode measures holds the pipeline's backlog and not the benchmark's list of it. A file is
 * {@code <kind> <seed> <index>} padded with dots to the size, under a directory per thousand files.
 */
final class GeneratedFiles {

    /**
     * One generated file.
     *
     * @param eventId the id of the event that announces it
     * @param sha256  lower-case hex SHA-256 of its content
     */
    record Item(String eventId, Path file, String sha256, long size) {
    }

    private final Path dir;
    private final String kind;
    private final long seed;
    private final int size;

    GeneratedFiles(Path dir, String kind, long seed, int size) {
        this.dir = dir;
        this.kind = kind;
        this.seed = seed;
        this.size = size;
    }

    /** Writes files {@code from} (inclusive) to {@code to} (exclusive). */
    void write(int from, int to) {
        for (int index = from; index < to; index++) {
            write(index);
        }
    }

    /** Writes file {@code index} and returns it. */
    Item write(int index) {
        Item item = item(index);
        try {
            Files.createDirectories(item.file().getParent());
            Files.write(item.file(), content(index));
            return item;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + item.file(), e);
        }
    }

    /** File {@code index}, computed again (its content is hashed, not read). */
    Item item(int index) {
        Path file = dir.resolve(kind).resolve(Integer.toString(index / 1000)).resolve(kind + "-" + index + ".txt");
        return new Item(kind + "-" + seed + "-" + index, file, sha256(content(index)), size);
    }

    private byte[] content(int index) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) '.');
        byte[] head = String.format(Locale.ROOT, "%s %d %d%n", kind, seed, index).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, content, 0, Math.min(head.length, size));
        content[size - 1] = '\n';
        return content;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
