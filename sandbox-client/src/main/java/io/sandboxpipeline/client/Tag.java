package io.sandboxpipeline.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code allTags}.
 *
 * @param name {@code tag.name}, e.g. {@code peexe}, {@code packed}, {@code emotet}
 * @param source e.g. {@code MEDIA_TYPE}, {@code SIGNAL}, {@code YARA_RULE}, {@code OSINT_LOOKUP}
 * @param rootTag {@code isRootTag} (false when absent)
 * @param verdict {@code tag.verdict.verdict} when the tag carries one
 * @param synonyms {@code tag.synonyms}
 */
public record Tag(String name, String source, boolean rootTag, Optional<Verdict> verdict, List<String> synonyms) {

    public Tag {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(source, "source must not be null (use an empty string when unknown)");
        Objects.requireNonNull(verdict, "verdict must not be null (use Optional.empty())");
        synonyms = List.copyOf(Objects.requireNonNull(synonyms, "synonyms must not be null (use an empty list)"));
    }
}
