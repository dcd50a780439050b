package io.sandboxpipeline.tools.replay;

import java.io.IOException;
import java.util.List;

/**
 * Where a replay's files come from: a directory tree, an S3 prefix or a manifest CSV. A listing is deterministic
 * (sorted paths, sorted keys, manifest order), so the n-th file of an interrupted run is the n-th file of its resume.
 */
public interface ReplaySource {

    /** Every file to replay, in the source's deterministic order. */
    List<ReplayFile> list() throws IOException;

    /** The source as the user named it, e.g. {@code s3://bucket/prefix}: it identifies the run in its checkpoint. */
    String description();
}
