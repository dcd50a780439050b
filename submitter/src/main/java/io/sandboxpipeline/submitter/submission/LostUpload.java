package io.sandboxpipeline.submitter.submission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An upload of this content that may have been accepted although its flow id never reached the submitter.
 *
 * @param since          when the first such upload was sent
 * @param searchedAt     when the search for its flow is made: no flow can be younger
 * @param excludedFlows  flows of this content known to be no answer: the failed scans of earlier attempts
 */
record LostUpload(Instant since, Instant searchedAt, Set<String> excludedFlows) {

    LostUpload {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(searchedAt, "searchedAt");
        excludedFlows = Set.copyOf(excludedFlows);
    }

    LostUpload(Instant since, Instant searchedAt, List<String> excludedFlows) {
        this(since, searchedAt, Set.copyOf(excludedFlows == null ? List.of() : excludedFlows));
    }
}
