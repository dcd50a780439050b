package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.Tags;

/** Tag names and values shared by the meters of this package. */
final class MetricTags {

    static final String STAGE = "stage";
    static final String ENDPOINT = "endpoint";
    /** Tag value for an absent value (e.g. a failed outcome has no verdict). */
    static final String NONE = "none";

    private MetricTags() {
    }

    static Tags stage(String stage) {
        return Tags.of(STAGE, requireName(stage, "stage"));
    }

    /** A tag value from a bounded set; null or blank becomes {@value #NONE}. */
    static String value(String value) {
        return value == null || value.isBlank() ? NONE : value.strip();
    }

    static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank (e.g. submitter, poller, enricher)");
        }
        return name.strip();
    }
}
