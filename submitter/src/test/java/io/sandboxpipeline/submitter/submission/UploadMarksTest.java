package io.sandboxpipeline.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.testing.TestTopics;
import io.sandboxpipeline.schemas.HashWork;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.schemas.WorkPhase;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadMarksTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final UploadMarks marks = new UploadMarks();

    static {
        // Avro builds records only of classes it was told to trust
        AvroClassTrust.declarePipelineSchemas();
    }

    @Test
    void shouldLetAnUploadGoOnlyInATurnAfterItsMark() {
        HashWork marked = marks.mark(work(null, null), T0, "sp-test");

        assertThat(marked.getUploadSentAt()).isEqualTo(T0);
        assertThat(marks.isMarked(marked.getSha256())).isTrue();
        assertThat(marks.isCommitted(marked.getSha256())).as("same turn: the commit has not happened yet").isFalse();

        marks.nextTurn();

        assertThat(marks.isCommitted(marked.getSha256())).isTrue();
    }

    @Test
    void shouldTurnTheMarkOfADeadInstanceIntoALostAnswer() {
        // restored from the changelog: sent at T0 by an instance that is gone, never answered
        HashWork restored = work(T0, null);

        HashWork marked = marks.mark(restored, T0.plusSeconds(30), "sp-test");

        assertThat(marked.getAnswerLostSince()).isEqualTo(T0);
        assertThat(marked.getUploadSentAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void shouldRememberTheEarliestDoubtWhenAnAnswerIsLost() {
        HashWork sent = marks.mark(work(null, null), T0.plusSeconds(10), "sp-test");

        HashWork timedOut = marks.answered(sent, true);
        HashWork refused = marks.answered(marks.mark(work(null, T0), T0.plusSeconds(20), "sp-test"), false);

        assertThat(timedOut.getAnswerLostSince()).isEqualTo(T0.plusSeconds(10));
        assertThat(timedOut.getUploadSentAt()).isNull();
        assertThat(refused.getAnswerLostSince()).as("a clear refusal keeps the earlier doubt").isEqualTo(T0);
        assertThat(marks.isMarked(sent.getSha256())).isFalse();
    }

    @Test
    void shouldNotTurnAClearRefusalIntoADoubt() {
        HashWork answered = marks.answered(marks.mark(work(null, null), T0, "sp-test"), false);

        assertThat(answered.getAnswerLostSince()).isNull();
        assertThat(answered.getUploadSentAt()).isNull();
    }

    private static HashWork work(Instant sentAt, Instant lostSince) {
        ScanRequest request = ScanRequest.newBuilder().setEvent(TestTopics.arrival("e1", "file:///data/a.bin").build())
                .setSha256("b".repeat(64)).setSize(1).setAttempt(1).setPreviousFlowIds(List.of()).setHashedAt(T0)
                .setFirstSubmittedAt(null).build();
        return HashWork.newBuilder().setSha256(request.getSha256()).setPhase(WorkPhase.UPLOAD).setRepresentative(request)
                .setWaiting(List.of(request)).setFlowId(null).setCreatedAt(T0).setUploadSentAt(sentAt)
                .setAnswerLostSince(lostSince).build();
    }
}
