package io.sandboxpipeline.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One distinct file content of a workload.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param file   where the content is written
 * @param known  whether the Sandbox's reputation knows it (likely malicious) before the run
 */
record Content(String sha256, Path file, boolean known) {

    Content {
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(file, "file must not be null");
    }
}
