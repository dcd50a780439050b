package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ScanSubmission;
import java.time.Instant;

/** What an upload attempt came to, when it did not fail with an error. */
sealed interface UploadResult {

    /** The Sandbox accepted the file and started a flow. */
    record Submitted(ScanSubmission submission) implements UploadResult {
    }

    /** An earlier upload whose answer was lost did start a flow: that flow is adopted, nothing is uploaded again. */
    record Adopted(String flowId) implements UploadResult {
    }

    /**
     * A search after a lost answer found no flow yet, within the patience: nothing was uploaded; the search is made
     * again later. The Sandbox answered, so this is a result, not a failure.
     */
    record NotListedYet(Instant lostSince) implements UploadResult {
    }

    /** The file is larger than the Sandbox accepts; it was not sent. */
    record TooLarge(long size, long limit) implements UploadResult {
    }
}
