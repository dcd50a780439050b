package io.sandboxpipeline.submitter.cache;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import io.sandboxpipeline.schemas.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long a decided verdict answers new events for the same content, per verdict class. Malicious and trusted
 * verdicts rarely change and are kept longest; {@code UNKNOWN} is never cached (the next event looks again).
 * Keys: {@code cache.ttl.<verdict>} (e.g. {@code cache.ttl.no_threat=3d}); {@code 0s} disables caching of a class.
 *
 * @param ttls time to live per verdict
 */
public record CachePolicy(Map<Verdict, Duration> ttls) {

    private static final Map<Verdict, Duration> DEFAULTS = Map.of(
            Verdict.MALICIOUS, Duration.ofDays(30),
            Verdict.LIKELY_MALICIOUS, Duration.ofDays(30),
            Verdict.SUSPICIOUS, Duration.ofDays(7),
            Verdict.NO_THREAT, Duration.ofDays(7),
            Verdict.BENIGN, Duration.ofDays(30),
            Verdict.UNKNOWN, Duration.ZERO);

    public CachePolicy {
        ttls = Map.copyOf(ttls);
        for (var entry : ttls.entrySet()) {
            if (entry.getValue().isNegative()) {
                throw new ConfigException("cache.ttl." + entry.getKey().name().toLowerCase(Locale.ROOT) + " must not be negative");
            }
        }
    }

    public static CachePolicy defaults() {
        return new CachePolicy(DEFAULTS);
    }

    public static CachePolicy from(ConfigValues values) {
        Map<Verdict, Duration> ttls = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            ttls.put(verdict, values.getDuration("cache.ttl." + verdict.name().toLowerCase(Locale.ROOT), DEFAULTS.get(verdict)));
        }
        return new CachePolicy(ttls);
    }

    public Duration ttl(Verdict verdict) {
        return ttls.getOrDefault(verdict, Duration.ZERO);
    }

    public boolean caches(Verdict verdict) {
        return !ttl(verdict).isZero();
    }
}
