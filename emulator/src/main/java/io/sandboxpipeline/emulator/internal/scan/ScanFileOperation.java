package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.content.UploadTooLargeException;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.FormBodies;
import io.sandboxpipeline.emulator.internal.http.MalformedBodyException;
import io.sandboxpipeline.emulator.internal.http.MultipartReader;
import io.sandboxpipeline.emulator.internal.http.PartHeaders;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/scan/file}: streams the multipart body, answering 413 as soon as the {@code file} part exceeds
 * the upload limit. The first {@code file} part is the sample (with or without a file name); further file parts are
 * skipped; other fields are recorded and unknown ones ignored.
 */
public final class ScanFileOperation {

    static final String PARSE_ERROR = "There was an error parsing the body";

    private final ScanDesk desk;
    private final long maxUploadSizeBytes;

    public ScanFileOperation(ScanDesk desk, long maxUploadSizeBytes) {
        this.desk = desk;
        this.maxUploadSizeBytes = maxUploadSizeBytes;
    }

    public ApiResponse handle(ApiRequest request) throws IOException {
        Optional<String> boundary = FormBodies.multipartBoundary(request.contentType());
        if (boundary.isEmpty()) {
            if (FormBodies.isMultipart(request.contentType())) {
                return ApiResponse.detail(400, PARSE_ERROR);
            }
            // Not a multipart body (url-encoded, JSON, nothing): FastAPI finds no file part.
            return new ValidationErrors().missing("body", "file").toResponse();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String fileName = null;
        try (UploadSink upload = new UploadSink(maxUploadSizeBytes)) {
            MultipartReader reader = new MultipartReader(request.body(), boundary.get());
            for (Optional<PartHeaders> part = reader.nextPart(); part.isPresent(); part = reader.nextPart()) {
                PartHeaders headers = part.get();
                if ("file".equals(headers.name()) && fileName == null) {
                    fileName = headers.fileName().filter(name -> !name.isEmpty()).orElse("file");
                    reader.readBody(upload);
                } else if (headers.name() != null && headers.fileName().isEmpty()) {
                    fields.put(headers.name(), FormBodies.readField(reader));
                }
            }
            ValidationErrors errors = new ValidationErrors();
            if (fileName == null) {
                errors.missing("body", "file");
            }
            ScanForms.validate(fields, errors);
            if (!errors.isEmpty()) {
                return errors.toResponse();
            }
            Flow flow = desk.submitFile(fileName, upload, fields);
            return ScanResponses.accepted(flow);
        } catch (UploadTooLargeException tooLarge) {
            return ApiResponse.detail(413, "Content too large");
        } catch (MalformedBodyException malformed) {
            return ApiResponse.detail(400, PARSE_ERROR);
        }
    }
}
