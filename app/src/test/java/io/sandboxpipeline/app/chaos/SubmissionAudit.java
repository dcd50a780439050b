package io.sandboxpipeline.app.chaos;

import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Sandbox submissions per content against what the pipeline's own records explain. A content is uploaded once per
 * piece of work, plus once per failed scan that was resubmitted: each verdict's {@code attempts} counts the
 * submissions of its work (whose last flow is the verdict's {@code flowId}). Anything beyond is an "extra" submission.
 * Extra submissions that follow an upload whose answer was lost to an injected fault
 * ({@link SubmitterLog#lostAnswers()}) are counted apart; the rest are put down to the crashes.
 *
 * @param uniqueHashes         contents in the run
 * @param submissions          submissions the Sandbox accepted for them
 * @param explained            submissions explained by work started and failed scans resubmitted
 * @param takenIn              accepted submissions whose answer the submitter read ({@link SubmitterLog#submissionsSeen()})
 * @param extraAfterLostAnswer of the extra submissions, those explained by an upload answer lost to an injected fault
 */
record SubmissionAudit(int uniqueHashes, long submissions, long explained, long takenIn, long extraAfterLostAnswer) {

    SubmissionAudit {
        if (uniqueHashes < 1) {
            throw new IllegalArgumentException("an audit needs at least one content, got " + uniqueHashes);
        }
        if (explained > submissions || extraAfterLostAnswer > submissions - explained) {
            throw new IllegalArgumentException("explained (" + explained + ") and extraAfterLostAnswer ("
                    + extraAfterLostAnswer + ") cannot exceed the submissions (" + submissions + ")");
        }
    }

    static SubmissionAudit of(Collection<String> hashes, ToLongFunction<String> submissionsOfHash,
                              Collection<EnrichedVerdict> verdicts, SubmitterLog log) {
        return of(hashes, submissionsOfHash, hash -> 0, verdicts, log);
    }

    /**
     * @param lostFailedFlows per content, flows whose scan failed and whose report was never asked for: uploads whose
     *                        answer was lost, which the service's search cannot find (it lists successful reports
     *                        only). Each explains one more submission, as any failed scan does.
     */
    static SubmissionAudit of(Collection<String> hashes, ToLongFunction<String> submissionsOfHash,
                              ToLongFunction<String> lostFailedFlows, Collection<EnrichedVerdict> verdicts, SubmitterLog log) {
        Map<String, Map<String, Integer>> attemptsByFlow = new HashMap<>();
        for (EnrichedVerdict verdict : verdicts) {
            // a cached answer names the flow of an earlier piece of work: it caused no submission of its own
            if (verdict.getSha256() != null && verdict.getFlowId() != null && verdict.getDecidedBy() != Decider.CACHE) {
                attemptsByFlow.computeIfAbsent(verdict.getSha256(), sha -> new HashMap<>())
                        .merge(verdict.getFlowId(), verdict.getAttempts(), Math::max);
            }
        }
        Map<String, Integer> lostAnswers = log.lostAnswers();
        long submissions = 0;
        long explained = 0;
        long extraAfterLostAnswer = 0;
        for (String sha256 : hashes) {
            long submitted = submissionsOfHash.applyAsLong(sha256);
            long owed = attemptsByFlow.getOrDefault(sha256, Map.of()).values().stream().mapToLong(Integer::longValue).sum()
                    + lostFailedFlows.applyAsLong(sha256);
            long beyond = Math.max(0, submitted - owed);
            submissions += submitted;
            explained += submitted - beyond;
            extraAfterLostAnswer += Math.min(beyond, lostAnswers.getOrDefault(sha256, 0));
        }
        return new SubmissionAudit(hashes.size(), submissions, explained, log.submissionsSeen(), extraAfterLostAnswer);
    }

    /** Submissions not explained by the work started and the failed scans resubmitted. */
    long extra() {
        return submissions - explained;
    }

    /** The extra submissions that no injected fault explains. */
    long extraAfterCrashes() {
        return extra() - extraAfterLostAnswer;
    }

    /** Accepted by the Sandbox, never read by the submitter: in flight at a kill, or answer lost to a fault. */
    long neverTakenIn() {
        return Math.max(0, submissions - takenIn);
    }

    /** Read by the submitter, then lost with its uncommitted state when the process was killed. */
    long rolledBack() {
        return Math.max(0, takenIn - explained);
    }

    double extraPercent() {
        return 100.0 * extra() / uniqueHashes;
    }

    double extraAfterCrashesPercent() {
        return 100.0 * extraAfterCrashes() / uniqueHashes;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d submissions for %d contents, %d explained by work and failed-scan retries; extra %d (%.2f%% of"
                        + " contents): %d after an upload answer lost to an injected fault, %d put down to the crashes"
                        + " (%.2f%%); flow ids the submitter never read (in flight at a kill, or answer lost): %d;"
                        + " read but rolled back by a kill before the commit: %d",
                submissions, uniqueHashes, explained, extra(), extraPercent(), extraAfterLostAnswer,
                extraAfterCrashes(), extraAfterCrashesPercent(), neverTakenIn(), rolledBack());
    }
}
