package io.sandboxpipeline.emulator.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Sandbox's date formats, which differ by field (see docs/sandbox-api/README.md §1). All in UTC. */
public final class SandboxDates {

    /** {@code created_date}, {@code scanStartedDate}, {@code report_date}: {@code "09/16/2024, 11:42:56"}. */
    private static final DateTimeFormatter REPORT = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** {@code mdcloud.scan_time}: ISO-8601 without zone, microseconds: {@code "2023-02-01T19:01:17.707000"}. */
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private SandboxDates() {
    }

    public static String reportDate(Instant instant) {
        return REPORT.format(instant);
    }

    public static String isoMicros(Instant instant) {
        return ISO_MICROS.format(instant);
    }
}
