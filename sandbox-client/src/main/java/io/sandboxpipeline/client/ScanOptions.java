package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional form fields of {@code POST /api/scan/file} and {@code POST /api/scan/url} (API contract §2.4).
 * Unset optionals are not sent, so the service applies its own default.
 *
 * @param isPrivate {@code is_private}: the sample is not downloadable by other users. Our default is {@code true},
 *     although the service's is {@code false}: a pipeline scanning stored files should not publish them.
 * @param isPrivateReport {@code is_private_report}: the report is hidden from other users (service default false)
 * @param password {@code password} of an encrypted archive; never shown by {@link #toString()}
 * @param description {@code description}
 * @param tags {@code tags}, sent joined with {@code |}; so a tag must not contain {@code |}
 * @param propagateTags {@code propagate_tags} (service default true)
 * @param skipWhitelisted {@code skip_whitelisted}: no report for a whitelisted file (service default false)
 * @param scanProfile {@code scan_profile}: a profile id or a preset name ({@code analysis}, {@code speed})
 * @param scanEngine {@code scan_engine}: {@code internal} or {@code mdcloud}
 */
public record ScanOptions(boolean isPrivate, boolean isPrivateReport, Optional<String> password,
        Optional<String> description, List<String> tags, Optional<Boolean> propagateTags,
        Optional<Boolean> skipWhitelisted, Optional<String> scanProfile, Optional<String> scanEngine) {

    public ScanOptions {
        Objects.requireNonNull(password, "password must not be null (use Optional.empty())");
        Objects.requireNonNull(description, "description must not be null (use Optional.empty())");
        Objects.requireNonNull(tags, "tags must not be null (use an empty list)");
        Objects.requireNonNull(propagateTags, "propagateTags must not be null (use Optional.empty())");
        Objects.requireNonNull(skipWhitelisted, "skipWhitelisted must not be null (use Optional.empty())");
        Objects.requireNonNull(scanProfile, "scanProfile must not be null (use Optional.empty())");
        Objects.requireNonNull(scanEngine, "scanEngine must not be null (use Optional.empty())");
        tags = List.copyOf(tags);
        for (String tag : tags) {
            if (tag.isBlank() || tag.contains("|")) {
                throw new IllegalArgumentException("each tag must be non-blank and must not contain '|' "
                        + "(the Sandbox separates tags with '|'), got '" + tag + "'");
            }
        }
        if (password.isPresent() && password.get().isEmpty()) {
            throw new IllegalArgumentException("password must not be empty; leave it unset for unencrypted files");
        }
        scanProfile.ifPresent(p -> requireNonBlank(p, "scanProfile", "a profile id, 'analysis' or 'speed'"));
        scanEngine.ifPresent(e -> requireNonBlank(e, "scanEngine", "'internal' or 'mdcloud'"));
    }

    /** Private sample ({@code is_private=true}), everything else left to the service's defaults. */
    public static ScanOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tags as the service expects them, e.g. {@code anti-vm|macros}. */
    public String joinedTags() {
        return String.join("|", tags);
    }

    @Override
    public String toString() {
        return "ScanOptions[isPrivate=" + isPrivate + ", isPrivateReport=" + isPrivateReport
                + ", password=" + (password.isPresent() ? "***" : "unset") + ", description=" + description
                + ", tags=" + tags + ", propagateTags=" + propagateTags + ", skipWhitelisted=" + skipWhitelisted
                + ", scanProfile=" + scanProfile + ", scanEngine=" + scanEngine + "]";
    }

    private static void requireNonBlank(String value, String name, String expected) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank; expected " + expected);
        }
    }

    /** Starts from {@link #defaults()}. */
    public static final class Builder {
        private boolean isPrivate = true;
        private boolean isPrivateReport;
        private Optional<String> password = Optional.empty();
        private Optional<String> description = Optional.empty();
        private List<String> tags = List.of();
        private Optional<Boolean> propagateTags = Optional.empty();
        private Optional<Boolean> skipWhitelisted = Optional.empty();
        private Optional<String> scanProfile = Optional.empty();
        private Optional<String> scanEngine = Optional.empty();

        private Builder() {
        }

        public Builder isPrivate(boolean isPrivate) {
            this.isPrivate = isPrivate;
            return this;
        }

        public Builder isPrivateReport(boolean isPrivateReport) {
            this.isPrivateReport = isPrivateReport;
            return this;
        }

        public Builder password(String password) {
            this.password = Optional.of(password);
            return this;
        }

        public Builder description(String description) {
            this.description = Optional.of(description);
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder propagateTags(boolean propagateTags) {
            this.propagateTags = Optional.of(propagateTags);
            return this;
        }

        public Builder skipWhitelisted(boolean skipWhitelisted) {
            this.skipWhitelisted = Optional.of(skipWhitelisted);
            return this;
        }

        public Builder scanProfile(String scanProfile) {
            this.scanProfile = Optional.of(scanProfile);
            return this;
        }

        public Builder scanEngine(String scanEngine) {
            this.scanEngine = Optional.of(scanEngine);
            return this;
        }

        public ScanOptions build() {
            return new ScanOptions(isPrivate, isPrivateReport, password, description, tags, propagateTags,
                    skipWhitelisted, scanProfile, scanEngine);
        }
    }
}
