package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ReportSearchHit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which search hit, if any, is the flow of an upload whose answer was lost. The Sandbox has no idempotency key, and its
 * search ("Simple Search") uses only its {@code query}: on the public service a search answers whatever matched the
 * text, other users' reports included, so every hit is checked on its own data.
 * <ol>
 *   <li>A hit is considered only if its own {@code file.sha256} equals the content's hash. A hit without a hash is
 *   never adopted, nor a flow already known to have failed for this content.</li>
 *   <li>A hit that carries one of the markers our uploads were sent with ({@link UploadToken}, as a tag) is positively
 *   ours: adopted whatever its date.</li>
 *   <li>Otherwise the newest hit dated between the first lost answer and the search (with a few minutes of slack for
 *   clocks apart) is adopted: it may be someone else's scan, but of the very same bytes, so its verdict is the right
 *   one for this content. Report dates come as {@code MM/DD/YYYY, HH:MM:SS} with no zone, read as UTC [?]; a service
 *   writing another zone's time puts its flows outside the window, and they are not adopted.</li>
 * </ol>
 * Anything unclear means "not found" and the file is uploaded again: the tolerant choice, which costs one more scan at
 * worst and never gives a file another content's verdict.
 */
final class LostAnswers {

    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss");

    private LostAnswers() {
    }

    static Optional<String> flowOf(List<ReportSearchHit> hits, LostUpload lost) {
        List<ReportSearchHit> ofThisContent = hits.stream()
                .filter(hit -> hit.isOf(lost.sha256()))
                .filter(hit -> hit.flowId().isPresent() && !lost.excludedFlows().contains(hit.flowId().get()))
                .toList();
        Optional<String> ours = ofThisContent.stream()
                .filter(hit -> hit.tags().stream().anyMatch(lost.tokens()::contains))
                .max(Comparator.comparing(hit -> hit.date().flatMap(LostAnswers::parse).orElse(Instant.EPOCH)))
                .flatMap(ReportSearchHit::flowId);
        if (ours.isPresent()) {
            return ours;
        }
        Instant notBefore = lost.since().minus(CLOCK_SLACK);
        Instant notAfter = lost.searchedAt().plus(CLOCK_SLACK);
        return ofThisContent.stream()
                .filter(hit -> hit.date().flatMap(LostAnswers::parse)
                        .filter(date -> !date.isBefore(notBefore) && !date.isAfter(notAfter)).isPresent())
                .max(Comparator.comparing(hit -> hit.date().flatMap(LostAnswers::parse).orElseThrow()))
                .flatMap(ReportSearchHit::flowId);
    }

    /** Whether any hit is a report of this content at all (else another form of the query may be worth a try). */
    static boolean namesContent(List<ReportSearchHit> hits, String sha256) {
        return hits.stream().anyMatch(hit -> hit.isOf(sha256));
    }

    private static Optional<Instant> parse(String date) {
        try {
            return Optional.of(LocalDateTime.parse(date.trim(), REPORT_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
