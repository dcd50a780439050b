package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import java.util.Optional;

/**
 * The flow's {@code sourceArchive}.
 *
 * @param verdict worst verdict of the members that scanned successfully; empty when there are none (rejected or
 *                all failed), in which case the Sandbox leaves {@code verdict} out
 */
public record ArchiveSource(String scanTaskId, String name, String sha256, String sha1, String md5,
                            boolean isPrivate, Optional<EmulatedVerdict> verdict) {
}
