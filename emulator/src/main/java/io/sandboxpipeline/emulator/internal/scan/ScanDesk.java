package io.sandboxpipeline.emulator.internal.scan;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Endpoint;
import io.sandboxpipeline.emulator.SubmittedScan;
import io.sandboxpipeline.emulator.internal.archive.ArchiveInspection;
import io.sandboxpipeline.emulator.internal.archive.ArchiveInspector;
import io.sandboxpipeline.emulator.internal.content.ContentFindings;
import io.sandboxpipeline.emulator.internal.content.ContentInspector;
import io.sandboxpipeline.emulator.internal.content.EmulatedVerdict;
import io.sandboxpipeline.emulator.internal.content.Marker;
import io.sandboxpipeline.emulator.internal.content.MediaType;
import io.sandboxpipeline.emulator.internal.http.FormBooleans;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import io.sandboxpipeline.emulator.internal.reputation.KnownReport;
import io.sandboxpipeline.emulator.internal.reputation.ReputationBook;
import io.sandboxpipeline.emulator.internal.reputation.ReputationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Turns accepted submissions into flows: decides every report's outcome from the content (and the failure dice),
 * registers the flow, and tells the reputation book what it will learn when the flow finishes.
 */
public final class ScanDesk {

    private final EmulatorConfig config;
    private final Clock clock;
    private final FlowRegistry flows;
    private final ReputationBook reputation;
    private final IdGenerator ids;
    private final BooleanSupplier injectedFailure;

    /** @param injectedFailure rolls the {@code failedFlowRate} dice for each new flow */
    public ScanDesk(EmulatorConfig config, Clock clock, FlowRegistry flows, ReputationBook reputation,
                    IdGenerator ids, BooleanSupplier injectedFailure) {
        this.config = config;
        this.clock = clock;
        this.flows = flows;
        this.reputation = reputation;
        this.ids = ids;
        this.injectedFailure = injectedFailure;
    }

    /** A completely received {@code file} part (and the other form fields). */
    public Flow submitFile(String fileName, UploadSink upload, Map<String, String> fields) throws IOException {
        ContentFindings findings = upload.findings();
        Optional<Path> archiveFile = upload.spooledArchive();
        ArchiveInspection inspection = archiveFile.isPresent()
                ? ArchiveInspector.inspect(archiveFile.get(), nonEmpty(fields.get("password")))
                : new ArchiveInspection.NotAnArchive();
        return submit(Endpoint.SCAN_FILE, fileName, findings, fields, inspection);
    }

    /** A URL scan: the URL string is the scanned content; the report's file is named by the URL. */
    public Flow submitUrl(String url, Map<String, String> fields) {
        ContentFindings findings = ContentInspector.inspectText(url, MediaType.URL);
        Flow flow = submit(Endpoint.SCAN_URL, url, findings, fields, new ArchiveInspection.NotAnArchive());
        // The scanned URL is known under its exact spelling even where the IOC regex would cut it differently.
        if (!findings.iocs().urls().contains(url)) {
            flow.reports().stream().filter(report -> !report.failed()).findFirst().ifPresent(report ->
                    reputation.expect(ReputationKey.ioc("url", url), knownReport(flow, report, report.verdict())));
        }
        return flow;
    }

    private Flow submit(Endpoint endpoint, String fileName, ContentFindings upload, Map<String, String> fields,
                        ArchiveInspection inspection) {
        Instant now = clock.instant();
        long attempt = flows.countSubmissionOf(upload.sha256());
        boolean injected = injectedFailure.getAsBoolean();
        Outcome outcome = new Outcome(attempt, injected, config.failAttempts());
        List<FileReport> reports = new ArrayList<>();
        Optional<ArchiveSource> archive = Optional.empty();
        Optional<String> rejected = Optional.empty();
        boolean isPrivate = Optional.ofNullable(fields.get("is_private"))
                .flatMap(FormBooleans::parse).orElse(false);
        if (inspection instanceof ArchiveInspection.Members members) {
            ArchiveContext context = new ArchiveContext(fileName, upload.sha256(), upload.md5(), upload.sha1(),
                    members.members().size());
            members.members().forEach(member -> reports.add(
                    report(member.name(), member.findings(), Optional.of(context), outcome)));
            Optional<EmulatedVerdict> archiveVerdict = reports.stream().filter(report -> !report.failed())
                    .map(FileReport::verdict)
                    .max((a, b) -> Double.compare(a.threatLevel(), b.threatLevel()));
            archive = Optional.of(archiveSource(fileName, upload, isPrivate, archiveVerdict));
        } else if (inspection instanceof ArchiveInspection.Rejected rejection) {
            rejected = Optional.of(rejection.reason());
            archive = Optional.of(archiveSource(fileName, upload, isPrivate, Optional.empty()));
        } else {
            reports.add(report(fileName, upload, Optional.empty(), outcome));
        }
        // a scan that failed only in part has no job error: its reports say failed_partial
        boolean onlyPartly = !outcome.injected() && reports.stream()
                .allMatch(r -> r.findings().has(Marker.FAILED_PARTIAL) && !r.findings().has(Marker.FAIL));
        Optional<String> failure = reports.isEmpty() || !reports.stream().allMatch(FileReport::failed) || onlyPartly
                ? Optional.empty() : Optional.of(outcome.reason());
        Instant queueEnds = now.plus(config.effectiveQueueDuration());
        Instant finishes = now.plus(config.scanDuration());
        Flow flow;
        do {
            SubmittedScan submission = new SubmittedScan(ids.flowId(now), endpoint, fileName, upload.size(),
                    upload.sha256(), fields, now);
            flow = new Flow(submission, queueEnds, finishes, reports, archive, rejected, failure);
        } while (!flows.add(flow));
        learnFrom(flow);
        return flow;
    }

    private FileReport report(String name, ContentFindings findings, Optional<ArchiveContext> context,
                              Outcome outcome) {
        boolean failed = outcome.injected()
                || ((findings.has(Marker.FAIL) || findings.has(Marker.FAILED_PARTIAL)) && outcome.attempt() <= outcome.failAttempts());
        return new FileReport(ids.uuid(), FileReport.ReportIds.generate(ids), name, findings, findings.verdict(),
                failed, context);
    }

    private ArchiveSource archiveSource(String name, ContentFindings archive, boolean isPrivate,
                                        Optional<EmulatedVerdict> verdict) {
        return new ArchiveSource(ids.uuid(), name, archive.sha256(), archive.sha1(), archive.md5(), isPrivate,
                verdict);
    }

    /** Registers what the reputation endpoints will know once the flow has finished. */
    private void learnFrom(Flow flow) {
        for (FileReport report : flow.reports()) {
            if (report.failed()) {
                continue;
            }
            KnownReport known = knownReport(flow, report, report.verdict());
            reputation.expect(ReputationKey.hash(report.findings().sha256()), known);
            report.findings().iocs().urls().forEach(url -> reputation.expect(ReputationKey.ioc("url", url), known));
            report.findings().iocs().domains().forEach(domain ->
                    reputation.expect(ReputationKey.ioc("domain", domain), known));
            report.findings().iocs().ips().forEach(ip -> reputation.expect(ReputationKey.ioc("ip", ip), known));
        }
        flow.archive().ifPresent(archive -> archive.verdict().ifPresent(verdict -> flow.reports().stream()
                .filter(report -> !report.failed() && report.verdict() == verdict)
                .findFirst()
                .ifPresent(worst -> reputation.expect(ReputationKey.hash(archive.sha256()),
                        knownReport(flow, worst, verdict)))));
    }

    private static KnownReport knownReport(Flow flow, FileReport report, EmulatedVerdict verdict) {
        return new KnownReport(flow.finishesAt(), verdict, report.reportId(), flow.flowId(),
                SandboxDates.reportDate(flow.queueEndsAt()));
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    /** How a submission's reports can fail. */
    private record Outcome(long attempt, boolean injected, int failAttempts) {

        String reason() {
            if (injected) {
                return "Scan job failed (emulator fault injection: failedFlowRate)";
            }
            String limit = failAttempts == Integer.MAX_VALUE
                    ? "every submission fails" : "the first " + failAttempts + " fail";
            return "Scan job failed: content carries the " + Marker.FAIL.text() + " test marker (submission "
                    + attempt + " of this sha256; " + limit + ")";
        }
    }
}
