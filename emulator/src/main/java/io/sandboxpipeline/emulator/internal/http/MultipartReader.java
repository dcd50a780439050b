package io.sandboxpipeline.emulator.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Streaming multipart/form-data parser: the caller walks the parts with {@link #nextPart()} and streams each body to
 * a {@link PartSink} with {@link #readBody(PartSink)}; at most one buffer (64 KiB) of the body is held in memory.
 *
 * <pre>{@code
 * MultipartReader reader = new MultipartReader(in, boundary);
 * for (Optional<PartHeaders> part = reader.nextPart(); part.isPresent(); part = reader.nextPart()) {
 *     reader.readBody(sinkFor(part.get()));
 * }
 * }</pre>
 */
public final class MultipartReader {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    /** {@code CRLF--boundary}; the stream is primed with a CRLF so the first delimiter looks like every other. */
    private final byte[] delimiter;
    private final byte[] buffer;
    private int head;
    private int tail;
    private boolean bodyPending = true;
    private boolean finished;

    public MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[Math.max(BUFFER_SIZE, delimiter.length * 4)];
        buffer[0] = '\r';
        buffer[1] = '\n';
        tail = 2;
    }

    /**
     * Moves to the next part (skipping what is left of the current one) and returns its headers; empty after the
     * closing delimiter.
     */
    public Optional<PartHeaders> nextPart() throws IOException {
        if (bodyPending) {
            readBody(PartSink.DISCARD);
        }
        if (finished) {
            return Optional.empty();
        }
        PartHeaders headers = readHeaders();
        bodyPending = true;
        return Optional.of(headers);
    }

    /** Streams the current part's body to {@code sink}, up to (not including) the next delimiter. */
    public void readBody(PartSink sink) throws IOException {
        if (!bodyPending) {
            throw new IllegalStateException("no part body to read: call nextPart() first");
        }
        while (true) {
            int found = indexOf(delimiter, head, tail);
            if (found >= 0) {
                sink.write(buffer, head, found - head);
                head = found + delimiter.length;
                bodyPending = false;
                afterDelimiter();
                return;
            }
            int safe = tail - (delimiter.length - 1);
            if (safe > head) {
                sink.write(buffer, head, safe - head);
                head = safe;
            }
            if (!fill()) {
                throw new MalformedBodyException("multipart body ended before its closing boundary");
            }
        }
    }

    /** After a delimiter: {@code --} closes the body, otherwise optional whitespace and CRLF start the next part. */
    private void afterDelimiter() throws IOException {
        if (!ensure(2)) {
            throw new MalformedBodyException("multipart body ended after a boundary");
        }
        if (buffer[head] == '-' && buffer[head + 1] == '-') {
            head += 2;
            finished = true;
            return;
        }
        while (ensure(1) && (buffer[head] == ' ' || buffer[head] == '\t')) {
            head++;
        }
        if (!ensure(2) || buffer[head] != '\r' || buffer[head + 1] != '\n') {
            throw new MalformedBodyException("multipart boundary is not followed by CRLF");
        }
        head += 2;
    }

    private PartHeaders readHeaders() throws IOException {
        String name = null;
        Optional<String> fileName = Optional.empty();
        Optional<String> contentType = Optional.empty();
        int headerBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedBodyException("multipart part headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedBodyException("malformed multipart part header");
            }
            String headerName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (headerName.equals("content-disposition")) {
                HeaderParameters disposition = HeaderParameters.parse(value);
                name = disposition.parameter("name").orElse(null);
                fileName = disposition.parameter("filename");
            } else if (headerName.equals("content-type")) {
                contentType = Optional.of(value);
            }
        }
        return new PartHeaders(name, fileName, contentType);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            for (int i = head; i + 1 < tail; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    line.write(buffer, head, i - head);
                    head = i + 2;
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            int keep = tail > head && buffer[tail - 1] == '\r' ? 1 : 0;
            line.write(buffer, head, tail - head - keep);
            head = tail - keep;
            if (line.size() > MAX_HEADER_BYTES) {
                throw new MalformedBodyException("multipart part header line too long");
            }
            if (!fill()) {
                throw new MalformedBodyException("multipart body ended inside part headers");
            }
        }
    }

    /** Makes at least {@code count} unread bytes available; false at end of stream. */
    private boolean ensure(int count) throws IOException {
        while (tail - head < count) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Compacts the buffer and reads more; false at end of stream. */
    private boolean fill() throws IOException {
        if (head > 0) {
            System.arraycopy(buffer, head, buffer, 0, tail - head);
            tail -= head;
            head = 0;
        }
        int read = in.read(buffer, tail, buffer.length - tail);
        if (read < 0) {
            return false;
        }
        tail += read;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        byte first = pattern[0];
        int last = to - pattern.length;
        for (int i = from; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            int matched = 1;
            while (matched < pattern.length && buffer[i + matched] == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
