package io.sandboxpipeline.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Writes a large file of pseudo-random bytes quickly: a 16 MiB random block, written again and again with the block
 * number stamped into its first bytes so that no two blocks are equal. It starts with a text header, so it cannot be
 * mistaken for an archive. Returns the SHA-256 computed while writing, to check the hashes under test against.
 */
final class BigFile {

    private static final int BLOCK = 16 * 1024 * 1024;

    private BigFile() {
    }

    /** Writes {@code size} bytes to {@code file} and returns their SHA-256 (lower-case hex). */
    static String write(Path file, long size, long seed) throws IOException {
        byte[] block = new byte[BLOCK];
        new SplittableRandom(seed).nextBytes(block);
        byte[] header = "sandbox-pipeline bench large file\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, block, 0, header.length);
        MessageDigest digest = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            for (long index = 0; written < size; index++) {
                if (index > 0) {
                    ByteBuffer.wrap(block).putLong(0, index);
                }
                int length = (int) Math.min(BLOCK, size - written);
                digest.update(block, 0, length);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                written += length;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
