package io.sandboxpipeline.tools.replay;

/** Shows how publishing goes: files and bytes done, rate and time left. */
interface ReplayProgress extends AutoCloseable {

    /**
     * @param totalFiles files in the run
     * @param totalBytes their bytes, as far as known
     * @param doneFiles  files already published by an earlier attempt of the run
     * @param doneBytes  their bytes
     */
    void start(long totalFiles, long totalBytes, long doneFiles, long doneBytes);

    /** One more file is published (or found already published). */
    void advance(long bytes);

    /** Publishing ended (finished or stopped). */
    @Override
    void close();
}
