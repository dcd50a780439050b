package io.sandboxpipeline.emulator.internal.content;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File kinds guessed from magic bytes, with the Sandbox's MEDIA_TYPE tag name and report {@code file.type}. */
public enum MediaType {
    PEEXE("peexe", "application/x-dosexec", "pe"),
    ZIP("zip", "application/zip", "other"),
    PDF("pdf", "application/pdf", "other"),
    ELF("elf", "application/x-executable", "other"),
    PNG("png", "image/png", "other"),
    JPEG("jpg", "image/jpeg", "other"),
    GIF("gif", "image/gif", "other"),
    HTML("html", "text/html", "other"),
    TXT("txt", "text/plain", "other"),
    /** The submitted object of a URL scan. */
    URL("url", "text/x-uri", "other"),
    BINARY("data", "application/octet-stream", "other");

    private static final int TEXT_PROBE_BYTES = 4096;

    private final String tagName;
    private final String mimeType;
    private final String reportFileType;

    MediaType(String tagName, String mimeType, String reportFileType) {
        this.tagName = tagName;
        this.mimeType = mimeType;
        this.reportFileType = reportFileType;
    }

    public String tagName() {
        return tagName;
    }

    public String mimeType() {
        return mimeType;
    }

    /** {@code file.type} of a finished report: {@code "pe"} or {@code "other"}. */
    public String reportFileType() {
        return reportFileType;
    }

    /** Guesses the kind from the first bytes of a file. */
    public static MediaType sniff(byte[] head, int length) {
        if (startsWith(head, length, 'M', 'Z')) {
            return PEEXE;
        }
        if (startsWith(head, length, 'P', 'K', 3, 4) || startsWith(head, length, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (startsWith(head, length, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        if (startsWith(head, length, 0x7f, 'E', 'L', 'F')) {
            return ELF;
        }
        if (startsWith(head, length, 0x89, 'P', 'N', 'G')) {
            return PNG;
        }
        if (startsWith(head, length, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (startsWith(head, length, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (!looksLikeText(head, length)) {
            return BINARY;
        }
        String start = new String(head, 0, Math.min(length, 256), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") ? HTML : TXT;
    }

    private static boolean looksLikeText(byte[] head, int length) {
        int probe = Math.min(length, TEXT_PROBE_BYTES);
        int control = 0;
        for (int i = 0; i < probe; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        return control * 20 <= probe;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
