package io.sandboxpipeline.emulator.internal.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Inspects a file while it streams by: hashes it (SHA-256, SHA-1, MD5), looks for test markers, keeps the first
 * {@link #TEXT_WINDOW_BYTES} bytes for magic-byte and IOC detection, and nothing else. Memory use does not depend
 * on the file size.
 */
public final class ContentInspector {

    /** IOC extraction and magic-byte sniffing look at this many leading bytes. */
    public static final int TEXT_WINDOW_BYTES = 1024 * 1024;

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha512 = digest("SHA-512");
    private final MarkerScanner markers = new MarkerScanner();
    private final ByteArrayOutputStream window = new ByteArrayOutputStream();
    private long size;

    public void update(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        sha1.update(bytes, offset, length);
        md5.update(bytes, offset, length);
        sha512.update(bytes, offset, length);
        markers.update(bytes, offset, length);
        int room = TEXT_WINDOW_BYTES - window.size();
        if (room > 0) {
            window.write(bytes, offset, Math.min(room, length));
        }
        size += length;
    }

    /** Streams {@code in} to the end through this inspector. */
    public ContentInspector updateAll(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
            update(chunk, 0, read);
        }
        return this;
    }

    public long size() {
        return size;
    }

    public ContentFindings finish() {
        byte[] head = window.toByteArray();
        HexFormat hex = HexFormat.of();
        return new ContentFindings(hex.formatHex(sha256.digest()), hex.formatHex(sha1.digest()),
                hex.formatHex(md5.digest()), hex.formatHex(sha512.digest()), size, markers.found(), MediaType.sniff(head, head.length),
                IocExtractor.extract(new String(head, StandardCharsets.ISO_8859_1)));
    }

    /** Inspects a short text completely (the object of a URL scan). */
    public static ContentFindings inspectText(String text, MediaType mediaType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ContentInspector inspector = new ContentInspector();
        inspector.update(bytes, 0, bytes.length);
        ContentFindings findings = inspector.finish();
        return new ContentFindings(findings.sha256(), findings.sha1(), findings.md5(), findings.sha512(), findings.size(),
                findings.markers(), mediaType, findings.iocs());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
