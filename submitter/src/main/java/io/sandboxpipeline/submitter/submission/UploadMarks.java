package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.schemas.HashWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes an upload that a crash interrupts findable again. Before an upload is sent, its work records
 * {@code uploadSentAt} and the submitter asks for a commit; the upload goes out only on a later punctuation, once that
 * commit has been made: in each turn of its loop the stream thread punctuates, then commits the tasks that asked for
 * it ({@code StreamThread.maybeCommit}, Kafka Streams 4.3). Should that commit fail, the task is reset to its last
 * commit and this instance's marks die with it, so no upload goes out unmarked. A new instance that
 * finds {@code uploadSentAt} set on work it did not mark itself knows an upload may have been accepted without its
 * answer being recorded, and searches for its flow before uploading again.
 *
 * <p>The record of which uploads this instance marked, and when, lives in memory on purpose: it dies with the
 * instance, which is exactly when a mark stops meaning "sent by me, answer pending".
 */
final class UploadMarks {

    /** Markers kept per content: the uploads of one content whose answers were lost are few. */
    static final int MAX_TOKENS = 8;

    private final Map<String, Long> markedInTurn = new HashMap<>();
    private long turn;

    /** A new punctuation: marks made in earlier ones have been committed since. */
    void nextTurn() {
        turn++;
    }

    boolean isMarked(String sha256) {
        return markedInTurn.containsKey(sha256);
    }

    /** True once the mark of this upload has been committed: it may be sent. */
    boolean isCommitted(String sha256) {
        Long markedIn = markedInTurn.get(sha256);
        return markedIn != null && markedIn < turn;
    }

    int count() {
        return markedInTurn.size();
    }

    /**
     * The work with its upload marked as sent now, with the marker the upload will carry; a mark left by an instance
     * that died becomes a lost answer (its marker stays, so the search can recognise that upload).
     */
    HashWork mark(HashWork work, Instant now, String token) {
        markedInTurn.put(work.getSha256(), turn);
        List<String> tokens = new ArrayList<>(work.getUploadTokens());
        tokens.add(token);
        return HashWork.newBuilder(work)
                .setAnswerLostSince(earliest(work.getAnswerLostSince(), work.getUploadSentAt()))
                .setUploadSentAt(now)
                .setUploadTokens(tokens.subList(Math.max(0, tokens.size() - MAX_TOKENS), tokens.size()))
                .build();
    }

    /** The marker of the upload now under way (the newest). */
    static String currentToken(HashWork work) {
        List<String> tokens = work.getUploadTokens();
        return tokens.isEmpty() ? UploadToken.next() : tokens.get(tokens.size() - 1);
    }

    /**
     * The work once the upload's answer is in and says nothing was accepted (or maybe something was, when
     * {@code ambiguous}: then the flow is searched for before the next upload).
     */
    HashWork answered(HashWork work, boolean ambiguous) {
        markedInTurn.remove(work.getSha256());
        Instant lostSince = ambiguous ? earliest(work.getAnswerLostSince(), work.getUploadSentAt()) : work.getAnswerLostSince();
        List<String> tokens = new ArrayList<>(work.getUploadTokens());
        if (!ambiguous && !tokens.isEmpty()) {
            // refused for sure: nothing to find under this upload's marker
            tokens.remove(tokens.size() - 1);
        }
        return HashWork.newBuilder(work).setUploadSentAt(null).setAnswerLostSince(lostSince).setUploadTokens(tokens).build();
    }

    void forget(String sha256) {
        markedInTurn.remove(sha256);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
