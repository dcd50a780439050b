package io.sandboxpipeline.core.source;

import io.sandboxpipeline.client.FileUpload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;

/**
 * A readable object behind a file-arrival URI: its name, its size when known, and a way to (re)open its content.
 *
 * @param uri     where it is
 * @param name    the file name to show the Sandbox
 * @param size    size in bytes, or -1 when unknown until read
 * @param content opens a fresh stream each time (uploads may be retried)
 */
public record SourceObject(URI uri, String name, long size, FileUpload.InputStreamSupplier content) {

    public SourceObject {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    public InputStream open() throws IOException {
        return content.open();
    }
}
