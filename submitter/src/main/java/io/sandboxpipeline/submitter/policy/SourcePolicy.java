package io.sandboxpipeline.submitter.policy;

import io.sandboxpipeline.core.config.ConfigException;
import java.util.Objects;

/**
 * What the pipeline may do with the files of one source (a bucket, a directory: a URI prefix).
 *
 * @param name          the policy's name in the configuration
 * @param prefix        the URI prefix it applies to, e.g. {@code s3://hr-documents/} or {@code file:///data/legal/}
 * @param hashOnly      never upload these files: the verdict comes from the cache or the reputation API alone
 * @param publicReport  the Sandbox report may be public ({@code is_private_report=false}); the file itself stays private
 * @param byUrl         submit with {@code POST /api/scan/url} instead of uploading: the Sandbox fetches the file itself,
 *                      from a presigned URL for {@code s3://} objects or the URL itself for {@code http(s)://} sources
 */
public record SourcePolicy(String name, String prefix, boolean hashOnly, boolean publicReport, boolean byUrl) {

    public SourcePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        if (hashOnly && byUrl) {
            throw new ConfigException("policy." + name + ": a source is either hash-only or submitted by url, not both");
        }
        if (hashOnly && publicReport) {
            throw new ConfigException("policy." + name + ": a hash-only source uploads nothing, so public.report makes no sense");
        }
    }

    /** Upload, private report: what applies where no policy matches (unless configured otherwise). */
    public static SourcePolicy defaultPolicy(boolean privateReport) {
        return new SourcePolicy("default", "", false, !privateReport, false);
    }

    public boolean appliesTo(String uri) {
        return uri.startsWith(prefix);
    }
}
