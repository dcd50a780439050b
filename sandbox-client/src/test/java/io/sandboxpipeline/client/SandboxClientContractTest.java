package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.await;
import static io.sandboxpipeline.client.TestServers.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Exchange;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.OpenApiContract;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.emulator.SubmittedScan;
import io.sandboxpipeline.emulator.TestZips;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real client against the project's MetaDefender Sandbox emulator over HTTP on 127.0.0.1: every client endpoint,
 * the verdict markers, archives, and every error class the emulator can produce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxClientContractTest {

    private static final String KEY = "contract-key-7c1e5b";
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final long MAX_UPLOAD = 2L * 1024 * 1024;

    private SandboxEmulator emulator;
    private SandboxClient client;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startEmulator() {
        emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).scanDuration(Duration.ofMillis(800))
                .queueDuration(Duration.ofMillis(200)).maxUploadSizeBytes(MAX_UPLOAD).build());
        // every answer the client gets here is held to the service's OpenAPI document too
        emulator.observeExchanges(exchanges::add);
        client = clientWith(KEY, b -> b);
    }

    @AfterEach
    void clearFaultsAndCheckTheAnswers() {
        emulator.setFaults(Faults.none());
        List<String> violations = OpenApiContract.violations(exchanges);
        exchanges.clear();
        assertThat(violations).as("answers that break the service's OpenAPI document").isEmpty();
    }

    @AfterAll
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    private SandboxClient clientWith(String key, UnaryOperator<SandboxClientConfig.Builder> more) {
        return SandboxClient.create(more.apply(SandboxClientConfig.builder().baseUrl(emulator.baseUrl()).apiKey(key)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))).build());
    }

    private static FileUpload upload(String name, byte[] content) {
        return new FileUpload(name, content.length, () -> new ByteArrayInputStream(content));
    }

    private static FileUpload upload(String name, String content) {
        return upload(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Polls with {@link ReportQuery#POLL} until the flow is finished (the emulator scans in 0.8 s). */
    private FlowReport untilFinished(String flowId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            FlowReport report = await(client.report(flowId, ReportQuery.POLL));
            if (report.isFinished()) {
                return report;
            }
            assertThat(System.nanoTime()).as("flow %s finished within 15 s", flowId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private FlowReport scan(FileUpload file, ScanOptions options) throws InterruptedException {
        ScanSubmission submission = await(client.submitFile(file, options));
        assertThat(submission.flowId()).matches("[0-9a-f]{24}");
        return untilFinished(submission.flowId());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void shouldIdentifyTheAccountBehindTheKey() {
        UserInfo user = await(client.me());

        assertThat(user.accountId()).isNotBlank();
    }

    @Test
    void shouldRejectAWrongKeyAsUnauthorized() {
        try (SandboxClient wrongKey = clientWith("not-the-key-123", b -> b)) {
            SandboxException error = failure(wrongKey.me());

            assertThat(error.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
            assertThat(error.status()).isIn(401, 403);
            assertThat(error.retryable()).isFalse();
            assertThat(error.getMessage()).doesNotContain("not-the-key-123");
        }
    }

    @Test
    void shouldReportTheUploadLimitInBytes() {
        SystemConfig config = await(client.systemConfig());

        assertThat(config.maxUploadSizeBytes()).hasValue(MAX_UPLOAD);
    }

    @Test
    void shouldKnowTheEicarFileAsMaliciousWithoutAScan() throws Exception {
        String eicar = sha256(EICAR.getBytes(StandardCharsets.US_ASCII));
        String unseen = sha256(("never submitted " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));

        HashReputation reputation = await(client.hashReputation(eicar));
        List<HashReputation> bulk = await(client.hashReputations(List.of(eicar, unseen)));

        assertThat(reputation.overallVerdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(reputation.isMaliciousEnoughToSkipScan()).isTrue();
        assertThat(reputation.reports()).isNotEmpty();
        assertThat(bulk).extracting(HashReputation::sha256, HashReputation::overallVerdict)
                .containsExactlyInAnyOrder(tuple(eicar, Verdict.MALICIOUS), tuple(unseen, Verdict.UNKNOWN));
        assertThat(bulk).filteredOn(r -> r.sha256().equals(unseen))
                .singleElement().satisfies(r -> assertThat(r.isMaliciousEnoughToSkipScan()).isFalse());
    }

    @Test
    void shouldScanMaliciousContentAndThenKnowItsReputation() throws Exception {
        byte[] content = ("dropper " + System.nanoTime() + "\n" + EICAR).getBytes(StandardCharsets.US_ASCII);
        String sha256 = sha256(content);
        assertThat(await(client.hashReputation(sha256)).overallVerdict()).isEqualTo(Verdict.UNKNOWN);

        FlowReport flow = scan(upload("dropper.exe", content), ScanOptions.defaults());

        assertThat(flow.isFailed()).isFalse();
        assertThat(flow.verdict()).contains(Verdict.MALICIOUS);
        assertThat(flow.threatLevel()).isEqualTo(1.0);
        Report report = await(client.report(flow.flowId(), ReportQuery.ENRICH)).reports().get(0);
        assertThat(report.file()).hasValueSatisfying(f -> {
            assertThat(f.name()).isEqualTo("dropper.exe");
            assertThat(f.sha256()).isEqualTo(sha256);
        });
        assertThat(report.signalGroups()).anySatisfy(g -> assertThat(g.verdict()).isEqualTo(Verdict.MALICIOUS));
        assertThat(report.tags()).isNotEmpty();
        HashReputation reputation = await(client.hashReputation(sha256));
        assertThat(reputation.overallVerdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(reputation.reports()).anySatisfy(r -> assertThat(r.flowId()).contains(flow.flowId()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'SANDBOX-TEST:LIKELY_MALICIOUS inside', LIKELY_MALICIOUS",
        "'SANDBOX-TEST:SUSPICIOUS inside', SUSPICIOUS", "'SANDBOX-TEST:BENIGN inside', BENIGN",
        "'just an ordinary text file', NO_THREAT"})
    void shouldDeriveTheVerdictFromTheContentMarkers(String content, Verdict expected) throws Exception {
        FlowReport flow = scan(upload("sample.txt", content), ScanOptions.defaults());

        assertThat(flow.isFailed()).isFalse();
        assertThat(flow.verdict()).contains(expected);
        assertThat(flow.threatLevel()).isEqualTo(expected.nominalThreatLevel());
        assertThat(flow.reports()).singleElement()
                .satisfies(r -> assertThat(r.overallState().isSuccess()).isTrue());
    }

    @Test
    void shouldReportAFailedScanAsFailed() throws Exception {
        FlowReport flow = scan(upload("broken.bin", "SANDBOX-TEST:FAIL"), ScanOptions.defaults());

        assertThat(flow.isFailed()).isTrue();
        assertThat(flow.failureReason()).isPresent();
        assertThat(flow.verdict()).isEmpty();
    }

    @Test
    void shouldGiveArchiveMembersTheirOwnReportsAndTheArchiveTheWorstVerdict() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("readme.txt", "nothing to see".getBytes(StandardCharsets.UTF_8));
        members.put("eicar.com", EICAR.getBytes(StandardCharsets.US_ASCII));

        FlowReport flow = scan(upload("bundle.zip", TestZips.zip(members)), ScanOptions.defaults());

        assertThat(flow.reports()).hasSize(2);
        assertThat(flow.reportsAmount()).isEqualTo(2);
        assertThat(flow.sourceArchive()).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("bundle.zip");
            assertThat(a.verdict()).contains(Verdict.MALICIOUS);
        });
        assertThat(flow.verdict()).contains(Verdict.MALICIOUS);
        assertThat(flow.threatLevel()).isEqualTo(1.0);
    }

    @Test
    void shouldRejectAnEncryptedArchiveWithoutItsPassword() throws Exception {
        byte[] archive = TestZips.encryptedZip(Map.of("eicar.com", EICAR.getBytes(StandardCharsets.US_ASCII)),
                "infected");

        FlowReport rejected = scan(upload("locked.zip", archive), ScanOptions.defaults());
        FlowReport opened = scan(upload("locked.zip", archive), ScanOptions.builder().password("infected").build());

        assertThat(rejected.isFailed()).isTrue();
        assertThat(rejected.reports()).isEmpty();
        assertThat(rejected.rejectedFiles()).extracting(RejectedFile::reason).containsOnly("INVALID_PASSWORD");
        assertThat(rejected.failureReason()).contains("INVALID_PASSWORD");
        assertThat(opened.isFailed()).isFalse();
        assertThat(opened.verdict()).contains(Verdict.MALICIOUS);
    }

    @Test
    void shouldSendTheScanOptionsTheServiceReads() {
        ScanOptions options = ScanOptions.builder().description("from bucket samples").tags(List.of("s3", "inbox"))
                .isPrivateReport(true).skipWhitelisted(true).scanProfile("speed").scanEngine("internal").build();

        ScanSubmission submission = await(client.submitFile(upload("notes.txt", "hello"), options));

        SubmittedScan received = emulator.submission(submission.flowId()).orElseThrow();
        assertThat(received.fileName()).isEqualTo("notes.txt");
        assertThat(received.size()).isEqualTo(5);
        assertThat(received.isPrivate()).isTrue();
        assertThat(received.isPrivateReport()).isTrue();
        assertThat(received.description()).contains("from bucket samples");
        assertThat(received.field("tags")).contains("s3|inbox");
        assertThat(received.flag("skip_whitelisted", false)).isTrue();
        assertThat(received.scanProfile()).contains("speed");
        assertThat(received.field("scan_engine")).contains("internal");
        assertThat(received.password()).isEmpty();
    }

    @Test
    void shouldScanAUrlAndThenKnowItsReputation() throws Exception {
        String url = "https://phish.example.org/login?SANDBOX-TEST:SUSPICIOUS";

        ScanSubmission submission = await(client.submitUrl(url, ScanOptions.defaults()));
        FlowReport flow = untilFinished(submission.flowId());

        assertThat(emulator.submission(submission.flowId())).hasValueSatisfying(s -> assertThat(s.isPrivate()).isTrue());
        FlowReport enriched = await(client.report(flow.flowId(), ReportQuery.ENRICH));
        assertThat(enriched.reports().get(0).file()).hasValueSatisfying(f -> assertThat(f.name()).isEqualTo(url));
        assertThat(flow.verdict()).contains(Verdict.SUSPICIOUS);
        IocReputation reputation = await(client.iocReputation(IocType.URL, url));
        assertThat(reputation.type()).isEqualTo(IocType.URL);
        assertThat(reputation.overallVerdict()).isEqualTo(Verdict.SUSPICIOUS);
    }

    @Test
    void shouldAnswerAnUnknownFlowWithNotFound() {
        SandboxException error = failure(client.report("0123456789abcdef01234567", ReportQuery.POLL));

        assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.endpoint()).isEqualTo("GET /api/scan/{flow_id}/report");
    }

    @Test
    void shouldCarryValidationErrors() {
        SandboxException badEngine = failure(client.submitFile(upload("a.txt", "a"),
                ScanOptions.builder().scanEngine("quantum").build()));
        SandboxException badFlowId = failure(client.report("not-an-object-id", ReportQuery.POLL));

        assertThat(badEngine.kind()).isEqualTo(ErrorKind.VALIDATION);
        assertThat(badEngine.validationErrors()).anySatisfy(e -> assertThat(e.loc()).contains("scan_engine"));
        assertThat(badFlowId.kind()).isIn(ErrorKind.VALIDATION, ErrorKind.BAD_REQUEST);
        assertThat(badFlowId.retryable()).isFalse();
    }

    @Test
    void shouldRejectAnUploadOverTheLimitAsPayloadTooLarge() {
        long size = 4 * MAX_UPLOAD;
        FileUpload big = new FileUpload("big.bin", size, () -> new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }
        });

        SandboxException error = failure(client.submitFile(big, ScanOptions.defaults()));

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.status()).isEqualTo(413);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void shouldSurfaceRateLimitingWithItsRetryAfter() {
        emulator.setFaults(Faults.builder().requestsPerSecondQuota(1).build());

        List<CompletableFuture<Throwable>> burst = IntStream.range(0, 5)
                .mapToObj(i -> client.me().handle((user, failure) -> failure)).toList();

        List<SandboxException> failures = burst.stream().map(TestServers::await)
                .filter(SandboxException.class::isInstance).map(SandboxException.class::cast).toList();
        assertThat(failures).as("answers over the quota").isNotEmpty();
        SandboxException limited = failures.get(0);
        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void shouldSurfaceServerErrorsAsRetryable() {
        emulator.setFaults(Faults.builder().serverErrorRate(1.0).build());

        SandboxException error = failure(client.systemConfig());

        assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(error.status()).isIn(500, 502, 503);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void shouldTimeOutOnAnswersSlowerThanTheReadTimeout() {
        emulator.setFaults(Faults.builder().slowRate(1.0).slowDelay(Duration.ofSeconds(3)).build());
        try (SandboxClient impatient = clientWith(KEY, b -> b.readTimeout(Duration.ofMillis(300)))) {

            SandboxException error = failure(impatient.me());

            assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(error.status()).isZero();
            assertThat(error.retryable()).isTrue();
        }
    }

    @Test
    void shouldFlagCutOffJsonAsMalformed() {
        emulator.setFaults(Faults.builder().malformedJsonRate(1.0).build());

        SandboxException error = failure(client.me());

        assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(error.status()).isEqualTo(200);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void shouldFailWithConnectionWhenTheServiceIsGone() {
        SandboxEmulator stopped = SandboxEmulator.start(EmulatorConfig.builder().apiKey(KEY).build());
        URI address = stopped.baseUrl();
        stopped.close();
        try (SandboxClient orphan = SandboxClient.create(SandboxClientConfig.builder().baseUrl(address).apiKey(KEY)
                .connectTimeout(Duration.ofSeconds(2)).build())) {

            SandboxException error = failure(orphan.me());

            assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(error.status()).isZero();
            assertThat(error.retryable()).isTrue();
        }
    }
}
