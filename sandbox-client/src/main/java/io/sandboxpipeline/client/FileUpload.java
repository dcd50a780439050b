package io.sandboxpipeline.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to submit. The content is streamed from {@link InputStreamSupplier#open()} while the request is written; it is
 * never read into memory as a whole.
 *
 * @param fileName the name the Sandbox shows in the report (multipart {@code filename})
 * @param size the exact byte count, or -1 if unknown (then the upload uses chunked transfer encoding)
 * @param content opens the bytes; may be called more than once (a retried connection re-opens it)
 */
public record FileUpload(String fileName, long size, InputStreamSupplier content) {

    public FileUpload {
        Objects.requireNonNull(fileName, "fileName must not be null");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank: the Sandbox shows it in the report");
        }
        if (size < -1) {
            throw new IllegalArgumentException("size must be the byte count or -1 if unknown, got " + size);
        }
        Objects.requireNonNull(content, "content must not be null");
    }

    /** Streams the file at {@code path}; its name is the path's last element and its size is read now. */
    public static FileUpload ofPath(Path path) {
        Objects.requireNonNull(path, "path must not be null");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("not a readable regular file: " + path);
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
        return new FileUpload(path.getFileName().toString(), size, () -> Files.newInputStream(path));
    }

    /** Opens the content from its start; every call returns a new stream that the caller closes. */
    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws IOException;
    }
}
