package io.sandboxpipeline.client;

import java.util.Locale;

/** The indicator types the reputation endpoint {@code /api/reputation/{ioc_type}} accepts. */
public enum IocType {
    IP,
    DOMAIN,
    URL;

    /** The lower-case path segment: {@code ip}, {@code domain} or {@code url}. */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }
}
