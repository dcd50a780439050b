package io.sandboxpipeline.core.testing;

import io.sandboxpipeline.client.ErrorKind;
import io.sandboxpipeline.client.FileInfo;
import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.FinalVerdict;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.JobStatus;
import io.sandboxpipeline.client.OverallState;
import io.sandboxpipeline.client.RejectedFile;
import io.sandboxpipeline.client.Report;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.ReputationReport;
import io.sandboxpipeline.client.SandboxHttpException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.client.SourceArchive;
import io.sandboxpipeline.client.SystemConfig;
import io.sandboxpipeline.client.Tag;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A Sandbox that answers from memory with already-completed futures, for topology tests. Tests script reputation
 * verdicts, upload failures and the sequence of report answers per flow, then assert on what was called and when.
 */
public final class FakeSandbox implements SandboxApi {

    /** One upload the fake received. */
    public record Submission(String flowId, String fileName, long size, String content, ScanOptions options) {
    }

    /** One report request: which flow, with which query, at which (test) time. */
    public record Poll(String flowId, ReportQuery query, long atMs) {
    }

    private final Map<String, HashReputation> reputations = new HashMap<>();
    private final Map<String, Deque<CompletableFuture<FlowReport>>> scripts = new HashMap<>();
    private final Deque<RuntimeException> uploadFailures = new ArrayDeque<>();
    private final List<Submission> submissions = new ArrayList<>();
    private final List<String> reputationCalls = new ArrayList<>();
    private final List<List<String>> reputationRequests = new ArrayList<>();
    private final Deque<RuntimeException> bulkReputationFailures = new ArrayDeque<>();
    private final Set<String> omittedFromBulkAnswers = new HashSet<>();
    private final List<Poll> polls = new ArrayList<>();
    private final List<String> searches = new ArrayList<>();
    private final Deque<RuntimeException> lostAnswers = new ArrayDeque<>();
    private final Deque<RuntimeException> searchFailures = new ArrayDeque<>();
    private final Map<String, Deque<CompletableFuture<FlowReport>>> scriptsByContent = new HashMap<>();
    private long maxUploadSize = 100L * 1024 * 1024;
    private LongSupplier clock = () -> 0L;
    private int flowCounter;

    public FakeSandbox clock(LongSupplier clock) {
        this.clock = clock;
        return this;
    }

    public FakeSandbox knownHash(String sha256, Verdict verdict, String referenceFlowId) {
        reputations.put(sha256, new HashReputation(sha256, verdict,
                List.of(new ReputationReport(verdict, "report-of-" + referenceFlowId, Optional.of(referenceFlowId), Optional.empty())),
                Optional.empty()));
        return this;
    }

    public FakeSandbox maxUploadSize(long bytes) {
        this.maxUploadSize = bytes;
        return this;
    }

    public FakeSandbox failNextUpload(RuntimeException error) {
        uploadFailures.add(error);
        return this;
    }

    /** The report answers of the flow created by the next upload whose content equals {@code content}. */
    public FakeSandbox whenContent(String content, List<CompletableFuture<FlowReport>> answers) {
        scriptsByContent.put(content, new ArrayDeque<>(answers));
        return this;
    }

    /** The report answers of one existing flow, in order; the last answer repeats. */
    public FakeSandbox whenFlow(String flowId, List<CompletableFuture<FlowReport>> answers) {
        scripts.put(flowId, new ArrayDeque<>(answers));
        return this;
    }

    @Override
    public CompletableFuture<HashReputation> hashReputation(String sha256) {
        reputationCalls.add(sha256);
        reputationRequests.add(List.of(sha256));
        return CompletableFuture.completedFuture(reputations.getOrDefault(sha256,
                new HashReputation(sha256, Verdict.UNKNOWN, List.of(), Optional.empty())));
    }

    /** Bulk look-ups answer as the service does: one entry per hash, each naming its sha256, in no promised order. */
    @Override
    public CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s) {
        reputationRequests.add(List.copyOf(sha256s));
        if (!bulkReputationFailures.isEmpty()) {
            return CompletableFuture.failedFuture(bulkReputationFailures.poll());
        }
        List<HashReputation> answers = new ArrayList<>();
        for (String sha256 : sha256s) {
            reputationCalls.add(sha256);
            if (omittedFromBulkAnswers.contains(sha256)) {
                continue;
            }
            answers.add(0, reputations.getOrDefault(sha256, new HashReputation(sha256, Verdict.UNKNOWN, List.of(), Optional.empty())));
        }
        return CompletableFuture.completedFuture(answers);
    }

    /** The next bulk look-up fails with {@code error} (e.g. a 413 for a batch the service finds too large). */
    public FakeSandbox failNextBulkReputation(RuntimeException error) {
        bulkReputationFailures.add(error);
        return this;
    }

    /** Bulk answers leave this hash out (as a service might for a hash it cannot look up). */
    public FakeSandbox omitFromBulkAnswers(String sha256) {
        omittedFromBulkAnswers.add(sha256);
        return this;
    }

    /** The hashes of each bulk look-up, in order: one entry per HTTP request. */
    public List<List<String>> reputationRequests() {
        return List.copyOf(reputationRequests);
    }

    @Override
    public CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options) {
        if (!uploadFailures.isEmpty()) {
            return CompletableFuture.failedFuture(uploadFailures.poll());
        }
        String content;
        try (InputStream in = file.content().open()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        String flowId = String.format("%024x", ++flowCounter);
        submissions.add(new Submission(flowId, file.fileName(), file.size(), content, options));
        Deque<CompletableFuture<FlowReport>> script = scriptsByContent.get(content);
        scripts.put(flowId, script == null ? new ArrayDeque<>(List.of(finished(flowId, Verdict.NO_THREAT, 0.1)))
                : new ArrayDeque<>(script.stream().map(f -> withFlowId(f, flowId)).toList()));
        if (!lostAnswers.isEmpty()) {
            return CompletableFuture.failedFuture(lostAnswers.poll());
        }
        return CompletableFuture.completedFuture(new ScanSubmission(flowId, OptionalInt.of(100), OptionalInt.of(100)));
    }

    /**
     * The search uses only its query, as the service's "Simple Search" does: it answers with every upload this fake
     * accepted whose hash or one of whose tags is the query, dated now ({@link #searchAnswersStrangers} adds other
     * users' reports). {@link #loseNextUploadAnswer} makes an accepted upload fail as if its answer had been lost.
     */
    @Override
    public CompletableFuture<List<ReportSearchHit>> searchReports(String query) {
        searches.add(query);
        if (!searchFailures.isEmpty()) {
            return CompletableFuture.failedFuture(searchFailures.poll());
        }
        String date = DateTimeFormatter.ofPattern("MM/dd/yyyy, HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(clock.getAsLong()));
        List<ReportSearchHit> hits = new ArrayList<>();
        for (int i = 0; i < strangersPerSearch; i++) {
            String stranger = Sha256.ofBytes(("stranger " + query + " " + i).getBytes(StandardCharsets.UTF_8));
            hits.add(new ReportSearchHit("stranger-report-" + i, Optional.of("5tranger" + i + "flow"),
                    Optional.of(stranger), Optional.of("success"), Verdict.MALICIOUS, Optional.of(date), List.of("peexe")));
        }
        submissions.stream()
                .filter(s -> {
                    String sha256 = Sha256.ofBytes(s.content().getBytes(StandardCharsets.UTF_8));
                    return sha256.equals(query) || s.options().tags().contains(query);
                })
                .map(s -> new ReportSearchHit("report-" + s.flowId(), Optional.of(s.flowId()),
                        Optional.of(Sha256.ofBytes(s.content().getBytes(StandardCharsets.UTF_8))),
                        Optional.of("success"), Verdict.NO_THREAT, Optional.of(date), s.options().tags()))
                .forEach(hits::add);
        return CompletableFuture.completedFuture(hits);
    }

    /** Every search also answers this many reports of other users' files, dated now and MALICIOUS. */
    public FakeSandbox searchAnswersStrangers(int perSearch) {
        this.strangersPerSearch = perSearch;
        return this;
    }

    /** The next upload is accepted (a flow exists) but the caller gets this error instead of the flow id. */
    public FakeSandbox loseNextUploadAnswer(RuntimeException error) {
        lostAnswers.add(error);
        return this;
    }

    private int strangersPerSearch;

    /** The next report search fails with this error. */
    public FakeSandbox failNextSearch(RuntimeException error) {
        searchFailures.add(error);
        return this;
    }

    public List<String> searches() {
        return List.copyOf(searches);
    }

    /** A URL submission: recorded with the URL as its file name and no content (the Sandbox fetches it). */
    @Override
    public CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options) {
        if (!uploadFailures.isEmpty()) {
            return CompletableFuture.failedFuture(uploadFailures.poll());
        }
        String flowId = String.format("%024x", ++flowCounter);
        submissions.add(new Submission(flowId, url, -1, "", options));
        scripts.put(flowId, new ArrayDeque<>(List.of(finished(flowId, Verdict.NO_THREAT, 0.1))));
        return CompletableFuture.completedFuture(new ScanSubmission(flowId, OptionalInt.of(100), OptionalInt.of(100)));
    }

    @Override
    public CompletableFuture<FlowReport> report(String flowId, ReportQuery query) {
        polls.add(new Poll(flowId, query, clock.getAsLong()));
        Deque<CompletableFuture<FlowReport>> script = scripts.get(flowId);
        if (script == null || script.isEmpty()) {
            return CompletableFuture.failedFuture(new SandboxHttpException(ErrorKind.NOT_FOUND, 404, "GET /api/scan/{flow_id}/report", "Item not found"));
        }
        return script.size() > 1 ? script.poll() : script.peek();
    }

    @Override
    public CompletableFuture<SystemConfig> systemConfig() {
        return CompletableFuture.completedFuture(new SystemConfig(OptionalLong.of(maxUploadSize)));
    }

    public List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    public List<String> reputationCalls() {
        return List.copyOf(reputationCalls);
    }

    public List<Poll> polls() {
        return List.copyOf(polls);
    }

    public List<Poll> polls(String flowId) {
        return polls.stream().filter(p -> p.flowId().equals(flowId)).toList();
    }

    // ---- report builders -------------------------------------------------------------------------------------------

    private static CompletableFuture<FlowReport> withFlowId(CompletableFuture<FlowReport> answer, String flowId) {
        return answer.thenApply(r -> new FlowReport(flowId, r.allFinished(), r.allFilesDownloadFinished(), r.allAdditionalStepsDone(),
                r.reportsAmount(), r.priority(), r.pollPause(), r.state(), r.fileSize(), r.job(), r.rejectedFiles(),
                r.sourceArchive(), r.reports()));
    }

    public static CompletableFuture<FlowReport> inProgress(int pollPause) {
        Report report = report("file", OverallState.IN_PROGRESS, Verdict.UNKNOWN, 0);
        return CompletableFuture.completedFuture(flow("pending", false, OptionalInt.of(pollPause), Optional.empty(), List.of(),
                Optional.empty(), List.of(report)));
    }

    /** A finished flow with these reports (any overallState). */
    public static CompletableFuture<FlowReport> finishedWith(Report... reports) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(5), Optional.empty(), List.of(), Optional.empty(),
                List.of(reports)));
    }

    /** A finished flow whose single report is about the file with this sha256. */
    public static CompletableFuture<FlowReport> finishedOf(String sha256, Verdict verdict, double threatLevel) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(5), Optional.empty(), List.of(), Optional.empty(),
                List.of(reportOf(sha256, "file", OverallState.SUCCESS, verdict, threatLevel))));
    }

    public static CompletableFuture<FlowReport> finished(String flowId, Verdict verdict, double threatLevel) {
        return CompletableFuture.completedFuture(flow(flowId, true, OptionalInt.of(5), Optional.empty(), List.of(), Optional.empty(),
                List.of(report("file", OverallState.SUCCESS, verdict, threatLevel))));
    }

    public static CompletableFuture<FlowReport> finished(Verdict verdict, double threatLevel) {
        return finished("pending", verdict, threatLevel);
    }

    public static CompletableFuture<FlowReport> failedScan(String reason) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(5), Optional.of(new JobStatus(true, Optional.of(reason))),
                List.of(), Optional.empty(), List.of(report("file", OverallState.FAILED, Verdict.UNKNOWN, 0))));
    }

    public static CompletableFuture<FlowReport> rejected(String reason) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(12), Optional.empty(),
                List.of(new RejectedFile("archive.zip", reason)),
                Optional.of(new SourceArchive("archive.zip", Optional.empty(), Optional.of("application/zip"), Optional.empty())), List.of()));
    }

    /** A finished archive: one report per member, and the archive verdict the service derived. */
    public static CompletableFuture<FlowReport> archive(Verdict archiveVerdict, Report... members) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(5), Optional.empty(), List.of(),
                Optional.of(new SourceArchive("archive.zip", Optional.empty(), Optional.of("application/zip"), Optional.of(archiveVerdict))),
                List.of(members)));
    }

    /** A report that names no file hash (as if the {@code general} section carried none). */
    /** A finished archive some of whose members the Sandbox did not scan ({@code rejected_files} next to reports). */
    public static CompletableFuture<FlowReport> archiveWithRejected(Verdict archiveVerdict, List<RejectedFile> rejected, Report... members) {
        return CompletableFuture.completedFuture(flow("pending", true, OptionalInt.of(5), Optional.empty(), rejected,
                Optional.of(new SourceArchive("archive.zip", Optional.empty(), Optional.of("application/zip"), Optional.of(archiveVerdict))),
                List.of(members)));
    }

    public static Report report(String name, OverallState state, Verdict verdict, double threatLevel) {
        return reportOf("", name, state, verdict, threatLevel);
    }

    /** A report of the file with this sha256. */
    public static Report reportOf(String sha256, String name, OverallState state, Verdict verdict, double threatLevel) {
        return new Report("r-" + name, state, Optional.of(new FinalVerdict(verdict, threatLevel, 1.0, Optional.empty())),
                Optional.of(new FileInfo(name, sha256, Optional.of("other"))),
                List.of(new Tag("txt", "MEDIA_TYPE", true, Optional.empty(), List.of())), List.of(), List.of(), List.of(),
                OptionalDouble.of(state.isTerminal() ? 1.0 : 0.5));
    }

    private static FlowReport flow(String flowId, boolean finished, OptionalInt pollPause, Optional<JobStatus> job,
                                   List<RejectedFile> rejected, Optional<SourceArchive> archive, List<Report> reports) {
        return new FlowReport(flowId, finished, Optional.of(finished), Optional.of(finished), reports.size(), Optional.of("max"),
                pollPause, Optional.of(finished ? "finished" : "scanning"), OptionalLong.empty(), job, rejected, archive, reports);
    }
}
