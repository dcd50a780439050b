package io.sandboxpipeline.submitter.submission;

import java.time.Instant;

/**
 * A search after a lost upload answer found no flow of the content yet. The service's search lists a report only once
 * its scan succeeded, so an upload that was accepted shows up only when its scan is done: the try is repeated (after
 * the usual backoff) until the patience runs out, and only then is the file uploaded again.
 */
final class FlowNotListedYet extends RuntimeException {

    FlowNotListedYet(Instant lostSince) {
        super("no flow of the upload whose answer was lost at " + lostSince + " is listed yet; searching again before uploading",
                null, false, false);
    }
}
