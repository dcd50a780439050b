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
import java.util.Map;
import java.util.Optional;

/**
 * Finding the flow of an upload whose answer was lost. The Sandbox has no idempotency key, so an upload that timed out,
 * came back garbled or was cut short by a crash may well have started a flow; before uploading again the submitter
 * searches the reports of the hash and adopts the newest flow created since the first lost answer, other than the
 * failed flows of earlier attempts. Report dates come as {@code MM/DD/YYYY, HH:MM:SS} with no zone: read as UTC [?],
 * with a few minutes of slack either way for clocks apart; a service that writes another zone's time puts its flows
 * outside that window, and they are not adopted. A flow of the same content that someone else started in the window
 * is adopted too: it scans the very same bytes. Anything unclear means "not found", and the file is uploaded again:
 * the tolerant choice, which costs one more scan at worst.
 */
final class LostAnswers {

    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss");

    private LostAnswers() {
    }

    static Optional<String> flowOf(List<ReportSearchHit> hits, LostUpload lost) {
        Instant notBefore = lost.since().minus(CLOCK_SLACK);
        Instant notAfter = lost.searchedAt().plus(CLOCK_SLACK);
        return hits.stream()
                .filter(hit -> hit.flowId().isPresent() && !lost.excludedFlows().contains(hit.flowId().get()))
                .flatMap(hit -> hit.date().flatMap(LostAnswers::parse).stream().map(date -> Map.entry(date, hit.flowId().get())))
                .filter(dated -> !dated.getKey().isBefore(notBefore) && !dated.getKey().isAfter(notAfter))
                .max(Comparator.comparing(Map.Entry::getKey))
                .map(Map.Entry::getValue);
    }

    private static Optional<Instant> parse(String date) {
        try {
            return Optional.of(LocalDateTime.parse(date.trim(), REPORT_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
