package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.http.FormBooleans;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validation of the optional form fields shared by {@code /api/scan/file} and {@code /api/scan/url} (§2.4). */
final class ScanForms {

    /** Boolean fields of the current schema plus the legacy per-request switches; other fields are not checked. */
    private static final List<String> BOOLEAN_FIELDS = List.of("propagate_tags", "is_private", "is_private_report",
            "skip_whitelisted", "rapid_mode", "save_preset", "osint", "extended_osint", "extracted_files_osint",
            "visualization", "files_download", "resolve_domains", "input_file_yara", "extracted_files_yara",
            "whois", "ips_meta", "images_ocr");
    private static final Set<String> SCAN_ENGINES = Set.of("internal", "mdcloud");

    private ScanForms() {
    }

    /** Adds pydantic-style errors for unreadable booleans and unknown {@code scan_engine} values. */
    static void validate(Map<String, String> fields, ValidationErrors errors) {
        for (String field : BOOLEAN_FIELDS) {
            String value = fields.get(field);
            if (value != null && FormBooleans.parse(value).isEmpty()) {
                errors.notBoolean(value, "body", field);
            }
        }
        String engine = fields.get("scan_engine");
        if (engine != null && !SCAN_ENGINES.contains(engine)) {
            errors.notInEnum("'internal' or 'mdcloud'", engine, "body", "scan_engine");
        }
    }
}
