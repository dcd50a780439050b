package io.sandboxpipeline.client;

import java.util.Objects;
import java.util.Optional;

/**
 * One indicator from a report's {@code iocs} object, flattened: {@code {"url": [{"data": "...", "verdict": ...}]}}
 * becomes {@code Ioc("url", "...", verdict)}.
 *
 * @param type the key under {@code iocs} as the service sends it, e.g. {@code sha256}, {@code ip}, {@code domain},
 *     {@code url}, {@code email}, {@code registry_path}. A string rather than an enum: the service's set is open-ended.
 * @param value the {@code data}
 * @param verdict the indicator's verdict when the service sent one
 */
public record Ioc(String type, String value, Optional<Verdict> verdict) {

    public Ioc {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(verdict, "verdict must not be null (use Optional.empty())");
    }
}
