package io.sandboxpipeline.client;

/** The MetaDefender Cloud multiscan summary in a hash reputation answer. */
public record MdCloudSummary(int totalAvEngines, int detectedAvEngines) {

    public MdCloudSummary {
        if (totalAvEngines < 0 || detectedAvEngines < 0) {
            throw new IllegalArgumentException("engine counts must not be negative, got total=" + totalAvEngines
                    + ", detected=" + detectedAvEngines);
        }
    }
}
