package io.sandboxpipeline.emulator;

import io.sandboxpipeline.emulator.internal.http.FormBooleans;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client submitted for one flow, so tests can assert the options a client sent.
 *
 * @param flowId      the flow the submission created
 * @param endpoint    {@link Endpoint#SCAN_FILE} or {@link Endpoint#SCAN_URL}
 * @param fileName    the {@code file} part's file name, or the URL for URL scans
 * @param size        bytes of the file part (UTF-8 bytes of the URL for URL scans)
 * @param sha256      lower-case hex sha256 of the file part (of the URL string for URL scans)
 * @param formFields  every other form field as received (last value wins, unknown fields included)
 * @param submittedAt when the emulator accepted the submission (by its clock)
 */
public record SubmittedScan(
        String flowId,
        Endpoint endpoint,
        String fileName,
        long size,
        String sha256,
        Map<String, String> formFields,
        Instant submittedAt) {

    public SubmittedScan {
        Objects.requireNonNull(flowId, "flowId must not be null");
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        Objects.requireNonNull(fileName, "fileName must not be null");
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(submittedAt, "submittedAt must not be null");
        formFields = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(formFields, "formFields must not be null")));
    }

    /** A form field as sent, if it was sent. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(formFields.get(name));
    }

    /**
     * A boolean form field parsed the way the Sandbox (pydantic) does: true/false/1/0/yes/no/on/off, any case.
     * Returns {@code defaultValue} when the field was not sent.
     */
    public boolean flag(String name, boolean defaultValue) {
        return field(name).flatMap(FormBooleans::parse).orElse(defaultValue);
    }

    /** {@code is_private} (default false). */
    public boolean isPrivate() {
        return flag("is_private", false);
    }

    /** {@code is_private_report} (default false). */
    public boolean isPrivateReport() {
        return flag("is_private_report", false);
    }

    /** {@code password} for protected archives, if sent. */
    public Optional<String> password() {
        return field("password");
    }

    /** {@code description}, if sent. */
    public Optional<String> description() {
        return field("description");
    }

    /** {@code scan_profile}, if sent. */
    public Optional<String> scanProfile() {
        return field("scan_profile");
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(formFields);
        shown.computeIfPresent("password", (name, value) -> "***");
        return "SubmittedScan[flowId=" + flowId + ", endpoint=" + endpoint + ", fileName=" + fileName
                + ", size=" + size + ", sha256=" + sha256 + ", formFields=" + shown
                + ", submittedAt=" + submittedAt + "]";
    }
}
