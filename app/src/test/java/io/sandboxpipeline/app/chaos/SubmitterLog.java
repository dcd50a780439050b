package io.sandboxpipeline.app.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the submitter's log (INFO) tells about uploads, read from the child process's log file.
 *
 * <p>Lost answers: uploads whose answer the submitter never read, per sha256: a read timeout (the emulator's slow
 * answers) or a cut-off 200 answer (malformed JSON). The Sandbox may have created a flow for such an upload, so the
 * retry that follows can be a second submission that no crash caused. Timed-out answers include delayed 5xx and 429
 * answers that created nothing, so this is an upper bound of the submissions the faults explain.
 */
final class SubmitterLog {

    private static final Pattern UPLOAD_FAILED = Pattern.compile(
            "sha256 ([0-9a-f]{64}): upload attempt \\d+ failed \\((.*)\\), retrying");
    private static final Pattern SUBMITTED = Pattern.compile("sha256 [0-9a-f]{64} submitted as flow ");
    private static final Pattern ADOPTED = Pattern.compile("sha256 [0-9a-f]{64}: found flow [0-9a-f]+ of an upload whose answer was lost");

    private final List<String> lines;

    private SubmitterLog(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    static SubmitterLog read(Path log) throws IOException {
        return new SubmitterLog(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    static SubmitterLog of(List<String> lines) {
        return new SubmitterLog(lines);
    }

    /** Uploads answered with a flow id that the submitter took in (and so started polling). */
    long submissionsSeen() {
        return lines.stream().filter(line -> SUBMITTED.matcher(line).find()).count();
    }

    /** Flows found by a search after a lost answer or a crash, and adopted instead of uploading again. */
    long adoptedFlows() {
        return lines.stream().filter(line -> ADOPTED.matcher(line).find()).count();
    }

    /** Per sha256: uploads whose answer was lost to a read timeout or malformed JSON, and retried. */
    Map<String, Integer> lostAnswers() {
        Map<String, Integer> lost = new HashMap<>();
        for (String line : lines) {
            Matcher matcher = UPLOAD_FAILED.matcher(line);
            if (matcher.find() && answerLost(matcher.group(2))) {
                lost.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return lost;
    }

    /** An upload's own answer (not the search that may precede it) that timed out or came back garbled. */
    private static boolean answerLost(String reason) {
        return reason.startsWith("POST ") && (reason.contains("TIMEOUT") || reason.contains("HTTP 200 MALFORMED_RESPONSE"));
    }
}
