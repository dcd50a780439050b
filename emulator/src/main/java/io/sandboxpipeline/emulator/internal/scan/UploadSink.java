package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.ContentInspector;
import io.sandboxpipeline.emulator.internal.content.UploadTooLargeException;
import io.sandboxpipeline.emulator.internal.http.PartSink;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the {@code file} part as it streams in: counts it against the upload limit (failing as soon as it is
 * exceeded), inspects it, and spools it to a temp file only when it starts with the ZIP magic (archives are unpacked
 * after the upload). Nothing else of the upload is kept. Close it to delete the spool file.
 */
public final class UploadSink implements PartSink, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSink.class);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final long limitBytes;
    private final ContentInspector inspector = new ContentInspector();
    private final byte[] magic = new byte[ZIP_MAGIC.length];
    private int magicLength;
    private Boolean zip;
    private Path spool;
    private OutputStream spoolOut;
    private ContentFindings findings;

    public UploadSink(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (inspector.size() + length > limitBytes) {
            throw new UploadTooLargeException(limitBytes);
        }
        inspector.update(bytes, offset, length);
        if (zip == null) {
            int before = magicLength;
            int take = Math.min(length, magic.length - magicLength);
            System.arraycopy(bytes, offset, magic, magicLength, take);
            magicLength += take;
            if (magicLength == magic.length) {
                zip = Arrays.equals(magic, ZIP_MAGIC);
                if (zip) {
                    spool = Files.createTempFile("sandbox-emulator-", ".zip");
                    spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
                    spoolOut.write(magic, 0, before);
                }
            }
        }
        if (spoolOut != null) {
            spoolOut.write(bytes, offset, length);
        }
    }

    /** Ends the upload and returns what inspecting it found. */
    public ContentFindings findings() throws IOException {
        if (findings == null) {
            findings = inspector.finish();
            if (spoolOut != null) {
                spoolOut.close();
                spoolOut = null;
            }
        }
        return findings;
    }

    /** The spooled upload, if it looks like a ZIP archive (call after {@link #findings()}). */
    public Optional<Path> spooledArchive() {
        return Optional.ofNullable(spool);
    }

    /** Deletes the spool file; a failure is logged, never thrown, so it cannot hide the request's own outcome. */
    @Override
    public void close() {
        try {
            if (spoolOut != null) {
                spoolOut.close();
            }
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete the upload spool file {}: {}", spool, e.toString());
        }
    }
}
