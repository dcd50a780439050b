package io.sandboxpipeline.emulator.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Helpers for form-shaped request bodies. */
public final class FormBodies {

    /** Largest non-file form field or url-encoded body accepted (Starlette's default part limit is 1 MB). */
    public static final int MAX_FIELD_BYTES = 1024 * 1024;

    private FormBodies() {
    }

    /** The multipart boundary if the content type is {@code multipart/form-data}. */
    public static Optional<String> multipartBoundary(Optional<String> contentType) {
        return contentType.map(HeaderParameters::parse)
                .filter(type -> type.value().toLowerCase(Locale.ROOT).equals("multipart/form-data"))
                .flatMap(type -> type.parameter("boundary"))
                .filter(boundary -> !boundary.isEmpty());
    }

    public static boolean isMultipart(Optional<String> contentType) {
        return contentType.map(type -> HeaderParameters.parse(type).value().toLowerCase(Locale.ROOT))
                .filter(type -> type.equals("multipart/form-data"))
                .isPresent();
    }

    public static boolean isUrlEncoded(Optional<String> contentType) {
        return contentType.map(type -> HeaderParameters.parse(type).value().toLowerCase(Locale.ROOT))
                .filter(type -> type.equals("application/x-www-form-urlencoded"))
                .isPresent();
    }

    /** Reads a whole url-encoded body (at most {@link #MAX_FIELD_BYTES}). */
    public static QueryParameters readUrlEncoded(InputStream body) throws IOException {
        return QueryParameters.parse(readLimited(body, MAX_FIELD_BYTES).toString(StandardCharsets.UTF_8));
    }

    /** Reads the current multipart part as a UTF-8 text field (at most {@link #MAX_FIELD_BYTES}). */
    public static String readField(MultipartReader reader) throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        reader.readBody((bytes, offset, length) -> {
            if (value.size() + length > MAX_FIELD_BYTES) {
                throw new MalformedBodyException("Part exceeded maximum size of " + MAX_FIELD_BYTES / 1024 + "KB.");
            }
            value.write(bytes, offset, length);
        });
        return value.toString(StandardCharsets.UTF_8);
    }

    /** Reads a small body completely; more than {@code limit} bytes is a malformed body. */
    public static ByteArrayOutputStream readLimited(InputStream body, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int read = body.read(chunk); read >= 0; read = body.read(chunk)) {
            if (out.size() + read > limit) {
                throw new MalformedBodyException("request body exceeds " + limit + " bytes");
            }
            out.write(chunk, 0, read);
        }
        return out;
    }
}
