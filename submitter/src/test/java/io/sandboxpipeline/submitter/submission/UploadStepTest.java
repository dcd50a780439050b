package io.sandboxpipeline.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.SandboxRateLimitedException;
import io.sandboxpipeline.client.SandboxTransportException;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.core.async.CallResult;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.schemas.OutcomeStatus;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UploadStepTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static {
        // Avro builds records only of classes it was told to trust
        AvroClassTrust.declarePipelineSchemas();
    }

    private final ScanRequest request = ScanRequest.newBuilder()
            .setEvent(TestTopics.arrival("e1", "file:///data/a.bin").build()).setSha256("d".repeat(64)).setSize(10)
            .setAttempt(1).setPreviousFlowIds(List.of()).setHashedAt(NOW).setFirstSubmittedAt(null).build();

    @Test
    void shouldFollowTheFlowOfAnAcceptedOrAdoptedUpload() {
        assertThat(step(new CallResult.Success<>(new UploadResult.Submitted(
                new ScanSubmission("flow-1", OptionalInt.empty(), OptionalInt.empty())))))
                .isEqualTo(new UploadStep.Scan("flow-1", false));
        assertThat(step(new CallResult.Success<>(new UploadResult.Adopted("flow-2"))))
                .isEqualTo(new UploadStep.Scan("flow-2", true));
    }

    @Test
    void shouldSkipFilesTooLargeForTheSandboxWithTheSizesInTheReason() {
        UploadStep tooLarge = step(new CallResult.Success<>(new UploadResult.TooLarge(2_000, 1_000)));
        UploadStep refused = step(new CallResult.Failure<>(new SandboxHttpException(ErrorKind.PAYLOAD_TOO_LARGE, 413,
                "POST /api/scan/file", "Content too large")));

        assertThat(tooLarge).isInstanceOfSatisfying(UploadStep.End.class, end -> {
            assertThat(end.outcome().getStatus()).isEqualTo(OutcomeStatus.SKIPPED);
            assertThat(end.outcome().getReason()).contains("2000 bytes").contains("1000 bytes");
        });
        assertThat(refused).isInstanceOfSatisfying(UploadStep.End.class,
                end -> assertThat(end.outcome().getReason()).contains("HTTP 413"));
    }

    @Test
    void shouldFailAtOnceOnAMissingSourceOrARejectedUploadButRetryAnUnreadableOne() {
        UploadStep missing = step(new CallResult.Failure<>(new SourceException(SourceException.Kind.NOT_FOUND, "file not found: /data/a.bin")));
        UploadStep rejected = step(new CallResult.Failure<>(new SandboxHttpException(ErrorKind.BAD_REQUEST, 400, "POST /api/scan/file", "bad")));
        UploadStep unreadable = step(new CallResult.Failure<>(new SourceException(SourceException.Kind.UNREADABLE, "disk busy")));

        assertThat(missing).isInstanceOfSatisfying(UploadStep.End.class,
                end -> assertThat(end.outcome().getStatus()).isEqualTo(OutcomeStatus.FAILED));
        assertThat(rejected).isInstanceOfSatisfying(UploadStep.End.class,
                end -> assertThat(end.outcome().getReason()).startsWith("upload rejected"));
        assertThat(unreadable).isEqualTo(new UploadStep.Retry("disk busy", Optional.empty()));
    }

    @Test
    void shouldRetryPassingFailuresAfterTheSandboxsRetryAfter() {
        UploadStep limited = step(new CallResult.Failure<>(new SandboxRateLimitedException("POST /api/scan/file",
                Optional.of(Duration.ofSeconds(7)), "slow down")));

        assertThat(limited).isInstanceOfSatisfying(UploadStep.Retry.class,
                retry -> assertThat(retry.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void shouldCallOnlyAnswersThatMayHaveBeenAcceptedLost() {
        assertThat(UploadStep.answerMayBeLost(new CallResult.Failure<>(new SandboxTransportException(ErrorKind.TIMEOUT,
                "POST /api/scan/file", "read timed out", null)))).isTrue();
        assertThat(UploadStep.answerMayBeLost(new CallResult.Failure<>(new SandboxHttpException(ErrorKind.SERVER_ERROR,
                503, "POST /api/scan/file", "unavailable")))).isFalse();
        assertThat(UploadStep.answerMayBeLost(new CallResult.Failure<>(new SourceException(SourceException.Kind.UNREADABLE,
                "disk busy")))).isFalse();
        assertThat(UploadStep.answerMayBeLost(new CallResult.Failure<>(new SandboxTransportException(ErrorKind.CONNECTION,
                "POST /api/scan/file", "connection reset", new SocketException("Connection reset"))))).isTrue();
        assertThat(UploadStep.answerMayBeLost(new CallResult.Failure<>(new SandboxTransportException(ErrorKind.CONNECTION,
                "POST /api/scan/file", "refused", new ConnectException("Failed to connect"))))).as("never sent").isFalse();
    }

    private UploadStep step(CallResult<UploadResult> result) {
        return UploadStep.of(request, result, NOW);
    }
}
