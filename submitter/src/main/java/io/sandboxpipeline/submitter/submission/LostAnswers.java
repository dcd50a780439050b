package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.ReportSearchHit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Finding the flow of an upload whose answer was lost. The Sandbox has no idempotency key, so an upload that timed out
 * or came back garbled may well have started a flow; before uploading again the submitter searches the reports of the
 * hash and adopts a flow created since the first lost answer. Report dates come as {@code MM/DD/YYYY, HH:MM:SS} with no
 * zone: read as UTC [?], with a few minutes of slack for clocks apart. Anything unclear means "not found", and the file
 * is uploaded again: the tolerant choice, which costs one more scan at worst.
 */
final class LostAnswers {

    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss");

    private LostAnswers() {
    }

    static Optional<String> flowSince(List<ReportSearchHit> hits, Instant since) {
        Instant notBefore = since.minus(CLOCK_SLACK);
        return hits.stream()
                .filter(hit -> hit.flowId().isPresent())
                .filter(hit -> hit.date().flatMap(LostAnswers::parse).map(date -> !date.isBefore(notBefore)).orElse(false))
                .map(hit -> hit.flowId().get())
                .findFirst();
    }

    private static Optional<Instant> parse(String date) {
        try {
            return Optional.of(LocalDateTime.parse(date.trim(), REPORT_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
