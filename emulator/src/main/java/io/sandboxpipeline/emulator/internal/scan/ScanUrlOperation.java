package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.FormBodies;
import io.sandboxpipeline.emulator.internal.http.MalformedBodyException;
import io.sandboxpipeline.emulator.internal.http.MultipartReader;
import io.sandboxpipeline.emulator.internal.http.PartHeaders;
import io.sandboxpipeline.emulator.internal.http.PartSink;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/scan/url}: url-encoded or multipart form with a required {@code url}. */
public final class ScanUrlOperation {

    private final ScanDesk desk;

    public ScanUrlOperation(ScanDesk desk) {
        this.desk = desk;
    }

    public ApiResponse handle(ApiRequest request) throws IOException {
        Map<String, String> fields;
        try {
            fields = readForm(request);
        } catch (MalformedBodyException malformed) {
            return ApiResponse.detail(400, ScanFileOperation.PARSE_ERROR);
        }
        ValidationErrors errors = new ValidationErrors();
        String url = fields.get("url");
        // FastAPI treats an empty form value as missing.
        if (url == null || url.isBlank()) {
            errors.missing("body", "url");
        }
        ScanForms.validate(fields, errors);
        if (!errors.isEmpty()) {
            return errors.toResponse();
        }
        return ScanResponses.accepted(desk.submitUrl(url.trim(), fields));
    }

    private static Map<String, String> readForm(ApiRequest request) throws IOException {
        if (FormBodies.isUrlEncoded(request.contentType())) {
            return FormBodies.readUrlEncoded(request.body()).lastValues();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<String> boundary = FormBodies.multipartBoundary(request.contentType());
        if (boundary.isEmpty()) {
            if (FormBodies.isMultipart(request.contentType())) {
                throw new MalformedBodyException("multipart body without boundary");
            }
            return fields;
        }
        MultipartReader reader = new MultipartReader(request.body(), boundary.get());
        for (Optional<PartHeaders> part = reader.nextPart(); part.isPresent(); part = reader.nextPart()) {
            if (part.get().name() != null && part.get().fileName().isEmpty()) {
                fields.put(part.get().name(), FormBodies.readField(reader));
            } else {
                reader.readBody(PartSink.DISCARD);
            }
        }
        return fields;
    }
}
