package io.sandboxpipeline.submitter.submission;

import io.sandboxpipeline.client.FileUpload;
import io.sandboxpipeline.client.SandboxException;
import io.sandboxpipeline.client.ScanOptions;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.core.source.FileSources;
import io.sandboxpipeline.core.source.SourceException;
import io.sandboxpipeline.core.source.SourceObject;
import io.sandboxpipeline.schemas.ScanRequest;
import io.sandboxpipeline.submitter.SubmitterTopology;
import io.sandboxpipeline.submitter.policy.SourcePolicies;
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
    static final java.time.Duration URL_VALIDITY = java.time.Duration.ofHours(6);

    private final SandboxApi api;
    private final FileSources sources;
    private final Executor ioExecutor;
    private final ScanOptions baseOptions;
    private final SourcePolicies policies;

    Uploader(SandboxApi api, FileSources sources, Executor ioExecutor, ScanOptions baseOptions, SourcePolicies policies) {
        this.api = api;
        this.sources = sources;
        this.ioExecutor = ioExecutor;
        this.baseOptions = baseOptions;
        this.policies = policies;
    }

    /**
     * @param lost when an earlier upload may have been accepted but its answer never arrived (a timeout, a garbled
     *             answer, a dropped connection, a crash): first look for a flow of this content created since then,
     *             and adopt it instead of uploading the file again. A search that fails for a passing reason fails
     *             this try, to be retried; one the Sandbox refuses outright (the search is not offered) lets the upload
     *             go ahead.
     */
    CompletableFuture<UploadResult> upload(ScanRequest request, long limitBytes, Optional<LostUpload> lost) {
        if (lost.isPresent()) {
            return api.reportsBySha256(request.getSha256())
                    .handle((hits, error) -> {
                        if (error == null) {
                            return LostAnswers.flowOf(hits, lost.get());
                        }
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof SandboxException sandbox && !sandbox.retryable()) {
                            return Optional.<String>empty();
                        }
                        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
                    })
                    .thenCompose(found -> found.isPresent()
                            ? CompletableFuture.completedFuture((UploadResult) new UploadResult.Adopted(found.get()))
                            : upload(request, limitBytes, Optional.empty()));
        }
        if (policies.forUri(request.getEvent().getUri()).byUrl()) {
            return byUrl(request, limitBytes);
        }
        return CompletableFuture.supplyAsync(() -> resolve(request), ioExecutor).thenCompose(source -> {
            long size = source.size() >= 0 ? source.size() : request.getSize();
            if (size > limitBytes) {
                return CompletableFuture.completedFuture(new UploadResult.TooLarge(size, limitBytes));
            }
            String name = request.getEvent().getName() != null ? request.getEvent().getName() : source.name();
            return api.submitFile(new FileUpload(name, size, source.content()), optionsFor(request))
                    .thenApply(UploadResult.Submitted::new);
        });
    }

    /**
     * The Sandbox fetches the file itself ({@code POST /api/scan/url}): nothing streams through the pipeline. The
     * presigned URL grants read access while it is valid, so it is handed to the client and never logged.
     */
    private CompletableFuture<UploadResult> byUrl(ScanRequest request, long limitBytes) {
        if (request.getSize() > limitBytes) {
            return CompletableFuture.completedFuture(new UploadResult.TooLarge(request.getSize(), limitBytes));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sources.fetchableUrl(FileSources.parse(request.getEvent().getUri()), URL_VALIDITY);
            } catch (SourceException e) {
                throw new CompletionException(e);
            }
        }, ioExecutor).thenCompose(url -> api.submitUrl(url.toString(), optionsFor(request)).thenApply(UploadResult.Submitted::new));
    }

    private SourceObject resolve(ScanRequest request) {
        try {
            return sources.resolve(FileSources.parse(request.getEvent().getUri()));
        } catch (SourceException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The file itself always stays private; whether its report may be public is its source's policy. An event may
     * carry the password of an encrypted archive in its {@code sandbox.password} attribute.
     */
    ScanOptions optionsFor(ScanRequest request) {
        String password = request.getEvent().getAttributes().get(SubmitterTopology.PASSWORD_ATTRIBUTE);
        boolean privateReport = !policies.forUri(request.getEvent().getUri()).publicReport();
        ScanOptions o = baseOptions;
        return new ScanOptions(o.isPrivate(), privateReport, password == null ? o.password() : Optional.of(password), o.description(),
                o.tags(), o.propagateTags(), o.skipWhitelisted(), o.scanProfile(), o.scanEngine());
    }
}
