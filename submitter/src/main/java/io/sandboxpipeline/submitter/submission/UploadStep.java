package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.outcome.Outcomes;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanOutcome;
import io.sandboxpipeline.schemas.ScanRequest;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What one upload attempt's result means for its work, as data for the processor to apply. */
sealed interface UploadStep {

    /** Follow this flow: the upload's own, or ({@code adopted}) the one a search found for a lost answer. */
    record Scan(String flowId, boolean adopted) implements UploadStep {
    }

    /** The work ends: every waiting event gets this outcome. */
    record End(ScanOutcome outcome) implements UploadStep {
    }

    /** Try again after a backoff (or the Sandbox's {@code Retry-After}), until the retry deadline. */
    record Retry(String reason, Optional<Duration> retryAfter) implements UploadStep {
    }

    /** Failures after which the Sandbox may have accepted the upload all the same. */
    Set<ErrorKind> ANSWER_MAY_BE_LOST = EnumSet.of(ErrorKind.TIMEOUT, ErrorKind.MALFORMED_RESPONSE, ErrorKind.CONNECTION);

    static boolean answerMayBeLost(CallResult.Failure<?> failure) {
        return failure.sandboxError().map(e -> ANSWER_MAY_BE_LOST.contains(e.kind()) && !neverSent(e)).orElse(false);
    }

    /**
     * A connection that could not be opened (refused, unknown host) carried no request: nothing can have been accepted,
     * and after an outage the file is simply uploaded again, without waiting for a search.
     */
    private static boolean neverSent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The step for {@code request}'s upload result: a 401/403 is not decided here (it stops the stage). */
    static UploadStep of(ScanRequest request, CallResult<UploadResult> result, Instant now) {
        if (result instanceof CallResult.Success<UploadResult> success) {
            UploadResult value = success.value();
            if (value instanceof UploadResult.Submitted submitted) {
                return new Scan(submitted.submission().flowId(), false);
            }
            if (value instanceof UploadResult.Adopted adopted) {
                return new Scan(adopted.flowId(), true);
            }
            if (value instanceof UploadResult.NotListedYet notYet) {
                return new Retry("no flow of the upload whose answer was lost at " + notYet.lostSince() + " is listed yet",
                        Optional.empty());
            }
            UploadResult.TooLarge tooLarge = (UploadResult.TooLarge) value;
            return new End(Outcomes.ofRequest(request, OutcomeStatus.SKIPPED, "file is " + tooLarge.size()
                    + " bytes, over the Sandbox's maxUploadSize of " + tooLarge.limit() + " bytes", now));
        }
        CallResult.Failure<UploadResult> failure = (CallResult.Failure<UploadResult>) result;
        if (failure.error() instanceof SourceException source) {
            return switch (source.kind()) {
                case UNSUPPORTED -> new End(Outcomes.ofRequest(request, OutcomeStatus.SKIPPED, source.getMessage(), now));
                case INVALID, NOT_FOUND -> new End(Outcomes.ofRequest(request, OutcomeStatus.FAILED, source.getMessage(), now));
                case UNREADABLE -> new Retry(source.getMessage(), Optional.empty());
            };
        }
        Optional<SandboxException> error = failure.sandboxError();
        if (error.isPresent() && error.get().kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
            return new End(Outcomes.ofRequest(request, OutcomeStatus.SKIPPED,
                    "the Sandbox refused the upload as too large (HTTP 413)", now));
        }
        if (error.isPresent() && !error.get().retryable()) {
            return new End(Outcomes.ofRequest(request, OutcomeStatus.FAILED, "upload rejected: " + failure.describe(), now));
        }
        return new Retry(failure.describe(), error.flatMap(SandboxException::retryAfter));
    }
}
