package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.ReportSearchHit;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.core.source.SourceObject;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.SubmitterNames;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
import io.sandboxpipeline.submitter.policy.SourcePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One upload of a content: resolves the source on the I/O pool (a file stat, an HTTP HEAD, an S3 HEAD), refuses files
 * over the Sandbox's limit without sending them, then streams the file with the options its source's policy allows.
 * Runs off the stream thread; what it returns is handed back to the processor as data.
 */
final class Uploader {

    /** How long a presigned URL stays valid: long enough for a queued Sandbox to fetch it. */
    static final Duration URL_VALIDITY = Duration.ofHours(6);

    private final SandboxApi api;
    private final FileSources sources;
    private final Executor ioExecutor;
    private final ScanOptions baseOptions;
    private final SourcePolicies policies;
    private final Duration patience;

    Uploader(SandboxApi api, FileSources sources, Executor ioExecutor, ScanOptions baseOptions, SourcePolicies policies,
             Duration patience) {
        this.patience = patience;
        this.api = api;
        this.sources = sources;
        this.ioExecutor = ioExecutor;
        this.baseOptions = baseOptions;
        this.policies = policies;
    }

    /**
     * @param lost  when an earlier upload may have been accepted but its answer never arrived (a timeout, a garbled
     *              answer, a dropped connection, a crash): first look for that upload's flow ({@link LostAnswers}) and
     *              adopt it instead of uploading the file again. A search that fails for a passing reason fails this
     *              try, to be retried; one the Sandbox refuses outright (the search is not offered) lets the upload go
     *              ahead.
     * @param token the marker this upload carries ({@link UploadToken}), so that a later search can recognise it
     */
    CompletableFuture<UploadResult> upload(ScanRequest request, long limitBytes, Optional<LostUpload> lost, String token) {
        if (lost.isPresent()) {
            return findFlow(lost.get()).thenCompose(found -> {
                if (found.isPresent()) {
                    return CompletableFuture.completedFuture((UploadResult) new UploadResult.Adopted(found.get()));
                }
                if (lost.get().since().plus(patience).isAfter(lost.get().searchedAt())) {
                    // the service lists a report once its scan succeeded: a lost upload still scanning shows later
                    return CompletableFuture.completedFuture((UploadResult) new UploadResult.NotListedYet(lost.get().since()));
                }
                return upload(request, limitBytes, Optional.empty(), token);
            });
        }
        if (policies.forUri(request.getEvent().getUri()).byUrl()) {
            return byUrl(request, limitBytes, token);
        }
        return CompletableFuture.supplyAsync(() -> resolve(request), ioExecutor).thenCompose(source -> {
            long size = source.size() >= 0 ? source.size() : request.getSize();
            if (size > limitBytes) {
                return CompletableFuture.completedFuture(new UploadResult.TooLarge(size, limitBytes));
            }
            String name = request.getEvent().getName() != null ? request.getEvent().getName() : source.name();
            return api.submitFile(new FileUpload(name, size, source.content()), optionsFor(request, token))
                    .thenApply(UploadResult.Submitted::new);
        });
    }

    /**
     * Searches by the newest upload's marker, then by the content's hash as plain text, then (only if the plain hash
     * matched no report of this content) base64-encoded, as one published integration sends queries; stops at the
     * first hit {@link LostAnswers} adopts.
     */
    private CompletableFuture<Optional<String>> findFlow(LostUpload lost) {
        List<String> queries = new ArrayList<>();
        if (!lost.tokens().isEmpty()) {
            queries.add(lost.tokens().get(lost.tokens().size() - 1));
        }
        queries.add(lost.sha256());
        queries.add(Base64.getEncoder().encodeToString(lost.sha256().getBytes(StandardCharsets.US_ASCII)));
        return search(queries, 0, lost);
    }

    private CompletableFuture<Optional<String>> search(List<String> queries, int index, LostUpload lost) {
        if (index >= queries.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return api.searchReports(queries.get(index))
                .handle((hits, error) -> {
                    if (error == null) {
                        return hits;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof SandboxException sandbox && !sandbox.retryable()) {
                        return List.<ReportSearchHit>of();
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
                })
                .thenCompose(hits -> {
                    Optional<String> found = LostAnswers.flowOf(hits, lost);
                    boolean plainHashAnswered = index == queries.size() - 2 && LostAnswers.namesContent(hits, lost.sha256());
                    return found.isPresent() || plainHashAnswered ? CompletableFuture.completedFuture(found)
                            : search(queries, index + 1, lost);
                });
    }

    /**
     * The Sandbox fetches the file itself ({@code POST /api/scan/url}): nothing streams through the pipeline. The
     * presigned URL grants read access while it is valid, so it is handed to the client and never logged.
     */
    private CompletableFuture<UploadResult> byUrl(ScanRequest request, long limitBytes, String token) {
        if (request.getSize() > limitBytes) {
            return CompletableFuture.completedFuture(new UploadResult.TooLarge(request.getSize(), limitBytes));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sources.fetchableUrl(FileSources.parse(request.getEvent().getUri()), URL_VALIDITY);
            } catch (SourceException e) {
                throw new CompletionException(e);
            }
        }, ioExecutor).thenCompose(url -> api.submitUrl(url.toString(), optionsFor(request, token)).thenApply(UploadResult.Submitted::new));
    }

    private SourceObject resolve(ScanRequest request) {
        try {
            return sources.resolve(FileSources.parse(request.getEvent().getUri()));
        } catch (SourceException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The file itself always stays private; whether its report may be public is its source's policy, except for
     * uploads by URL: a presigned URL grants read access to whoever sees it, so their reports are always private. An
     * event may carry the password of an encrypted archive in its {@code sandbox.password} attribute. The upload's
     * marker goes as one more tag and into the description.
     */
    ScanOptions optionsFor(ScanRequest request, String token) {
        String password = request.getEvent().getAttributes().get(SubmitterNames.PASSWORD_ATTRIBUTE);
        SourcePolicy policy = policies.forUri(request.getEvent().getUri());
        boolean privateReport = policy.byUrl() || !policy.publicReport();
        ScanOptions o = baseOptions;
        List<String> tags = new ArrayList<>(o.tags());
        tags.add(token);
        String description = o.description().map(d -> d + " [" + token + "]").orElse("sandbox-pipeline upload " + token);
        return new ScanOptions(o.isPrivate() || policy.byUrl(), privateReport, password == null ? o.password() : Optional.of(password),
                Optional.of(description), tags, o.propagateTags(), o.skipWhitelisted(), o.scanProfile(), o.scanEngine());
    }
}
