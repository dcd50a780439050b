package io.sandboxpipeline.client;

import static io.sandboxpipeline.client.TestServers.KEY;
import static io.sandboxpipeline.client.TestServers.await;
import static io.sandboxpipeline.client.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire: paths, headers, query parameters and form fields of every endpoint. */
class SandboxClientRequestTest {

    private static final String SHA = "834d1dbfab8330ea5f1844f6e905ed0ac19d1033ee9a9f1122ad2051c56783dc";
    private static final String SUBMITTED = "{\"flow_id\":\"66f1905b318df2831b854ce5\","
            + "\"priority\":{\"applied\":100,\"max_possible\":100}}";

    private final MockWebServer server = TestServers.startLoopback();
    private final SandboxClient client = TestServers.client(server);

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request reached the server").isNotNull();
        return request;
    }

    @Test
    void shouldSendTheKeyOnlyAsXApiKeyWithUserAgentAndAcceptHeaders() throws Exception {
        server.enqueue(json(200, "{\"accountId\":\"acc-1\",\"username\":\"analyst\",\"email\":\"a@example.org\"}"));

        UserInfo user = await(client.me());

        RecordedRequest request = taken();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/users/me");
        assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("User-Agent")).startsWith("sandbox-pipeline/");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getUrl().query()).isNull();
        assertThat(user).isEqualTo(new UserInfo("acc-1", Optional.of("analyst"),
                Optional.of("a@example.org")));
    }

    @Test
    void shouldUploadMultipartWithEveryDocumentedFieldAndPrivateByDefault() throws Exception {
        server.enqueue(json(200, SUBMITTED));
        byte[] content = "MZ fake executable".getBytes(StandardCharsets.UTF_8);
        FileUpload upload = new FileUpload("sample.exe", content.length, () -> new ByteArrayInputStream(content));

        ScanSubmission submission = await(client.submitFile(upload, ScanOptions.defaults()));

        RecordedRequest request = taken();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/scan/file");
        String contentType = request.getHeaders().get("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data");
        Map<String, String> fields = MultipartFields.parse(contentType, request.getBody().utf8());
        assertThat(fields).containsEntry("is_private", "true").containsEntry("is_private_report", "false")
                .containsEntry("file", "filename=sample.exe\nMZ fake executable")
                .doesNotContainKeys("password", "description", "tags", "propagate_tags", "skip_whitelisted",
                        "scan_profile", "scan_engine");
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(request.getBodySize()));
        assertThat(submission.flowId()).isEqualTo("66f1905b318df2831b854ce5");
        assertThat(submission.priorityApplied()).hasValue(100);
        assertThat(submission.priorityMaxPossible()).hasValue(100);
    }

    @Test
    void shouldSendAllScanOptionsAsFormFields() throws Exception {
        server.enqueue(json(200, SUBMITTED));
        ScanOptions options = ScanOptions.builder().isPrivate(false).isPrivateReport(true).password("infected")
                .description("from bucket x").tags(List.of("anti-vm", "macros")).propagateTags(false)
                .skipWhitelisted(true).scanProfile("speed").scanEngine("mdcloud").build();

        await(client.submitFile(new FileUpload("a.zip", -1, () -> new ByteArrayInputStream(new byte[] {1, 2})),
                options));

        RecordedRequest request = taken();
        Map<String, String> fields = MultipartFields.parse(request.getHeaders().get("Content-Type"),
                request.getBody().string(StandardCharsets.ISO_8859_1));
        assertThat(fields).containsEntry("is_private", "false").containsEntry("is_private_report", "true")
                .containsEntry("password", "infected").containsEntry("description", "from bucket x")
                .containsEntry("tags", "anti-vm|macros").containsEntry("propagate_tags", "false")
                .containsEntry("skip_whitelisted", "true").containsEntry("scan_profile", "speed")
                .containsEntry("scan_engine", "mdcloud").containsKey("file");
        assertThat(request.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void shouldSubmitUrlsFormEncodedAndAcceptTheSchemasMisspelledMaxPossible() throws Exception {
        server.enqueue(json(200, "{\"flow_id\":\"abc\",\"priority\":{\"applied\":50,\"max_posibble\":70}}"));

        ScanSubmission submission = await(client.submitUrl("https://example.org/a?b=c", ScanOptions.defaults()));

        RecordedRequest request = taken();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/scan/url");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBody().utf8())
                .isEqualTo("url=https%3A%2F%2Fexample.org%2Fa%3Fb%3Dc&is_private=true&is_private_report=false");
        assertThat(submission.priorityMaxPossible()).hasValue(70);
        assertThat(submission.priorityApplied()).hasValue(50);
    }

    @Test
    void shouldRepeatFilterSortingAndOtherParametersAndEncodeTheFlowId() throws Exception {
        server.enqueue(json(200, "{\"flowId\":\"x\",\"allFinished\":false,\"reports\":{}}"));
        server.enqueue(json(200, "{\"flowId\":\"x\",\"allFinished\":true,\"reports\":{}}"));

        await(client.report("a/b c", ReportQuery.POLL));
        await(client.report("66f1905b318df2831b854ce5", ReportQuery.ENRICH));

        RecordedRequest poll = taken();
        assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/scan/a%2Fb%20c/report");
        assertThat(poll.getUrl().encodedQuery())
                .isEqualTo("filter=general&filter=overallState&filter=finalVerdict&other=");
        RecordedRequest enrich = taken();
        assertThat(enrich.getUrl().queryParameterValues("filter"))
                .containsExactly("general", "overallState", "finalVerdict", "allTags", "allSignalGroups", "iocs");
        assertThat(enrich.getUrl().queryParameterValues("sorting")).containsExactly(
                "allSignalGroups(description:asc,allMitreTechniques:desc,averageSignalStrength:desc)",
                "allTags(tag.name:asc)");
    }

    @Test
    void shouldQueryReputationsByHashInBulkAndByIoc() throws Exception {
        server.enqueue(json(200, "{\"sha256\":\"" + SHA + "\",\"overall_verdict\":\"likely_malicious\","
                + "\"mdcloud\":{\"total_av_engines\":19,\"detected_av_engines\":3,\"scan_time\":\"2023-02-01T19:01:17\"},"
                + "\"filescan_reports\":[{\"verdict\":\"malicious\",\"report_date\":\"01/28/2025, 10:24:45\","
                + "\"report_id\":\"d2e899de-eb9a-4135-9f4f-80cc692a6c53\",\"flow_id\":\"6798b06a09ca8ddccaa476ca\"}]}"));
        server.enqueue(json(200, "[{\"sha256\":\"" + SHA + "\",\"overall_verdict\":\"unknown\","
                + "\"fuzzyhash\":{\"verdict\":\"unknown\"},\"filescan_reports\":[]}]"));
        server.enqueue(json(200, "{\"ioc_type\":\"domain\",\"ioc_value\":\"example.org\","
                + "\"overall_verdict\":\"no_threat\",\"filescan_reports\":[]}"));

        HashReputation single = await(client.hashReputation(SHA.toUpperCase()));
        List<HashReputation> bulk = await(client.hashReputations(List.of(SHA)));
        IocReputation ioc = await(client.iocReputation(IocType.DOMAIN, "example.org"));

        RecordedRequest get = taken();
        assertThat(get.getUrl().encodedPath()).isEqualTo("/api/reputation/hash");
        assertThat(get.getUrl().queryParameter("sha256")).isEqualTo(SHA);
        assertThat(single.overallVerdict()).isEqualTo(Verdict.LIKELY_MALICIOUS);
        assertThat(single.isMaliciousEnoughToSkipScan()).isTrue();
        assertThat(single.mdcloud()).contains(new MdCloudSummary(19, 3));
        assertThat(single.reports()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
            assertThat(r.flowId()).contains("6798b06a09ca8ddccaa476ca");
        });
        RecordedRequest post = taken();
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(post.getBody().utf8()).isEqualTo("[\"" + SHA + "\"]");
        assertThat(bulk).singleElement().satisfies(r -> {
            assertThat(r.overallVerdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.isMaliciousEnoughToSkipScan()).isFalse();
            assertThat(r.mdcloud()).isEmpty();
        });
        RecordedRequest iocRequest = taken();
        assertThat(iocRequest.getUrl().encodedPath()).isEqualTo("/api/reputation/domain");
        assertThat(iocRequest.getUrl().queryParameter("ioc_value")).isEqualTo("example.org");
        assertThat(ioc).isEqualTo(new IocReputation(IocType.DOMAIN, "example.org", Verdict.NO_THREAT, List.of()));
    }

    @Test
    void shouldReadAnUnseenHashAnswered404AsUnknown() {
        server.enqueue(json(404, "{\"detail\":\"Not found\"}"));

        HashReputation reputation = await(client.hashReputation(SHA));

        assertThat(reputation).isEqualTo(new HashReputation(SHA, Verdict.UNKNOWN, List.of(), Optional.empty()));
    }

    @Test
    void shouldConvertTheUploadLimitFromMegabytesAndTolerateItsAbsence() {
        server.enqueue(json(200, "{\"maxUploadSize\":100,\"maxUploadSizeLimit\":2000,\"appTitle\":\"x\"}"));
        server.enqueue(json(200, "{\"appTitle\":\"x\"}"));

        assertThat(await(client.systemConfig()).maxUploadSizeBytes()).hasValue(100L * 1024 * 1024);
        assertThat(await(client.systemConfig()).maxUploadSizeBytes()).isEmpty();
    }

    @Test
    void shouldKeepABasePathPrefix() throws Exception {
        try (SandboxClient prefixed = SandboxClient.create(SandboxClientConfig.builder()
                .baseUrl(TestServers.url(server, "/sandbox/")).apiKey(KEY).build())) {
            server.enqueue(json(200, "{\"accountId\":\"acc-1\"}"));

            await(prefixed.me());

            assertThat(taken().getUrl().encodedPath()).isEqualTo("/sandbox/api/users/me");
        }
    }

    @Test
    void shouldNotSendTheKeyToAnotherOriginWhenRedirected() throws Exception {
        try (MockWebServer elsewhere = TestServers.startLoopback()) {
            elsewhere.enqueue(json(200, "{\"accountId\":\"acc-1\"}"));
            server.enqueue(new MockResponse.Builder().code(302)
                    .setHeader("Location", TestServers.url(elsewhere, "/api/users/me").toString()).build());

            await(client.me());

            assertThat(taken().getHeaders().get("X-Api-Key")).isEqualTo(KEY);
            RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
            assertThat(redirected).isNotNull();
            assertThat(redirected.getHeaders().get("X-Api-Key")).isNull();
        }
    }

    @Test
    void shouldRejectInvalidArgumentsBeforeSendingAnything() {
        assertThatThrownBy(() -> client.hashReputation("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal");
        assertThatThrownBy(() -> client.report(" ", ReportQuery.POLL)).hasMessageContaining("flowId must not be blank");
        assertThatThrownBy(() -> client.hashReputations(List.of())).hasMessageContaining("must not be empty");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void shouldRefuseCallsAfterClose() {
        client.close();

        assertThatThrownBy(client::me).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
