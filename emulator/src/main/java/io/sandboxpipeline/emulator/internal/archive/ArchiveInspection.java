package io.sandboxpipeline.emulator.internal.archive;

import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import java.util.List;

/** The outcome of looking inside an uploaded ZIP file. */
public sealed interface ArchiveInspection {

    /** The members could be read: one entry per file member, in archive order. */
    record Members(List<Member> members) implements ArchiveInspection {
        public Members {
            members = List.copyOf(members);
        }
    }

    /** The archive cannot be opened, e.g. {@code INVALID_PASSWORD} or {@code ARCHIVE_ENCRYPTED}. */
    record Rejected(String reason) implements ArchiveInspection {
    }

    /** Not a ZIP archive after all (or an unsupported one): scan it as a plain file. */
    record NotAnArchive() implements ArchiveInspection {
    }

    /** One file member with what inspecting its plain bytes found. */
    record Member(String name, ContentFindings findings) {
    }
}
