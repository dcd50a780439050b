package io.sandboxpipeline.client.internal;

import io.sandboxpipeline.client.FileUpload;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The {@code file} part of a scan upload: copies {@link FileUpload#content()} to the socket in 64 KiB chunks, so the
 * heap holds one chunk whatever the file size. The content is re-openable, so OkHttp may replay the body on a retried
 * connection. A declared size is enforced: a stream that is shorter or longer fails the upload instead of sending a
 * truncated file.
 */
public final class StreamingFileBody extends RequestBody {

    static final int CHUNK_BYTES = 64 * 1024;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final FileUpload upload;

    public StreamingFileBody(FileUpload upload) {
        this.upload = upload;
    }

    @Override
    public MediaType contentType() {
        return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
        return upload.size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        InputStream in;
        try {
            in = upload.content().open();
        } catch (IOException | RuntimeException e) {
            throw new UploadContentException("cannot open the content of '" + upload.fileName() + "': " + e, e);
        }
        if (in == null) {
            throw new UploadContentException("the content supplier of '" + upload.fileName() + "' returned null", null);
        }
        try (in) {
            copy(in, sink);
        }
    }

    private void copy(InputStream in, BufferedSink sink) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        long declared = upload.size();
        long written = 0;
        while (true) {
            int read = read(in, chunk);
            if (read == -1) {
                break;
            }
            if (declared >= 0 && written + read > declared) {
                throw new UploadContentException("the content of '" + upload.fileName()
                        + "' is longer than its declared size of " + declared + " bytes", null);
            }
            sink.write(chunk, 0, read);
            written += read;
        }
        if (declared >= 0 && written != declared) {
            throw new UploadContentException("the content of '" + upload.fileName() + "' ended after " + written
                    + " of its declared " + declared + " bytes", null);
        }
    }

    private int read(InputStream in, byte[] chunk) throws UploadContentException {
        try {
            return in.read(chunk);
        } catch (IOException | RuntimeException e) {
            throw new UploadContentException("cannot read the content of '" + upload.fileName() + "': " + e, e);
        }
    }
}
