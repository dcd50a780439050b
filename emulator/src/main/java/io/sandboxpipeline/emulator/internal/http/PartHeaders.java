package io.sandboxpipeline.emulator.internal.http;

import java.util.Optional;

/**
 * The headers of one multipart/form-data part that matter here.
 *
 * @param name        the form field name ({@code Content-Disposition} {@code name})
 * @param fileName    the {@code filename}, present for file parts
 * @param contentType the part's {@code Content-Type}, if sent
 */
public record PartHeaders(String name, Optional<String> fileName, Optional<String> contentType) {
}
