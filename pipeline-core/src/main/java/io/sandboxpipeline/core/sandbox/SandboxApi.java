package io.sandboxpipeline.core.sandbox;

import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.FlowReport;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.client.SystemConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The part of the Sandbox API the stages use. Stages depend on this interface so topology tests can run with a
 * fake that answers from memory; production wires {@link #of(SandboxClient)}.
 */
public interface SandboxApi {

    CompletableFuture<HashReputation> hashReputation(String sha256);

    /**
     * {@code POST /api/reputation/hash}: many hashes in one call. Each answer names its own sha256; match answers by
     * it, never by position (the order is not documented), and treat a hash without an answer as not looked up.
     */
    CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s);

    CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options);

    /** {@code POST /api/scan/url}: the Sandbox fetches the file itself (a presigned S3 URL, a public download link). */
    CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options);

    CompletableFuture<FlowReport> report(String flowId, ReportQuery query);

    /** {@code GET /api/reports/search?query=}: to find a flow whose upload answer was lost (check each hit's hash). */
    CompletableFuture<List<ReportSearchHit>> searchReports(String query);

    CompletableFuture<SystemConfig> systemConfig();

    static SandboxApi of(SandboxClient client) {
        return new SandboxApi() {
            @Override
            public CompletableFuture<HashReputation> hashReputation(String sha256) {
                return client.hashReputation(sha256);
            }

            @Override
            public CompletableFuture<List<HashReputation>> hashReputations(List<String> sha256s) {
                return client.hashReputations(sha256s);
            }

            @Override
            public CompletableFuture<ScanSubmission> submitFile(FileUpload file, ScanOptions options) {
                return client.submitFile(file, options);
            }

            @Override
            public CompletableFuture<ScanSubmission> submitUrl(String url, ScanOptions options) {
                return client.submitUrl(url, options);
            }

            @Override
            public CompletableFuture<FlowReport> report(String flowId, ReportQuery query) {
                return client.report(flowId, query);
            }

            @Override
            public CompletableFuture<List<ReportSearchHit>> searchReports(String query) {
                return client.searchReports(query);
            }

            @Override
            public CompletableFuture<SystemConfig> systemConfig() {
                return client.systemConfig();
            }
        };
    }
}
