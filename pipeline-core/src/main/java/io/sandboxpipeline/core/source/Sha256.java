package io.sandboxpipeline.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Streaming SHA-256 with bounded memory: a fixed buffer, whatever the file's size. */
public final class Sha256 {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER_SIZE = 1 << 20;

    /** Digest and byte count of one pass over a stream. */
    public record Digest(String sha256, long size) {
    }

    private Sha256() {
    }

    public static boolean isValid(String value) {
        return value != null && HEX64.matcher(value).matches();
    }

    public static Digest of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
            size += read;
        }
        return new Digest(HexFormat.of().formatHex(digest.digest()), size);
    }

    /** Hashes a local file through a direct buffer: no copy into the heap per read. */
    public static Digest of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(buffer)) != -1) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                size += read;
            }
        }
        return new Digest(HexFormat.of().formatHex(digest.digest()), size);
    }

    public static String ofBytes(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
