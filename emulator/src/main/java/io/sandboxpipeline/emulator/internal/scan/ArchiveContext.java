package io.sandboxpipeline.emulator.internal.scan;

/**
 * Where a report's file came from when it was unpacked from an archive
 * ({@code taskReference.additionalInfo.context}).
 */
public record ArchiveContext(String archiveName, String archiveSha256, String archiveMd5, String archiveSha1,
                             int totalArchiveFiles) {
}
