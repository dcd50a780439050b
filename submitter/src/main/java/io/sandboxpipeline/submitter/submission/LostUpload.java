package io.sandboxpipeline.submitter.submission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An upload of this content that may have been accepted although its flow id never reached the submitter.
 *
 * @param sha256        the content's hash: only a hit naming exactly this hash can be its flow
 * @param since         when the first such upload was sent
 * @param searchedAt    when the search for its flow is made: no flow can be younger
 * @param tokens        the markers those uploads carried (newest last): a hit with one of them is positively ours
 * @param excludedFlows flows of this content known to be no answer: the failed scans of earlier attempts
 */
record LostUpload(String sha256, Instant since, Instant searchedAt, List<String> tokens, Set<String> excludedFlows) {

    LostUpload {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(searchedAt, "searchedAt");
        tokens = List.copyOf(tokens);
        excludedFlows = Set.copyOf(excludedFlows);
    }

    LostUpload(String sha256, Instant since, Instant searchedAt, List<String> tokens, List<String> excludedFlows) {
        this(sha256, since, searchedAt, tokens, Set.copyOf(excludedFlows == null ? List.of() : excludedFlows));
    }
}
