package io.sandboxpipeline.core.quota;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of the Sandbox one stage instance may use: a limit per endpoint and the share of each limit kept for
 * {@link Lane#LIVE} calls. Endpoints missing from {@code limits} are unlimited.
 *
 * @param limits            the budget of each endpoint
 * @param liveReservedShare fraction (0..1) of every endpoint's rate and concurrency that replay calls leave to live calls
 */
public record QuotaConfig(Map<SandboxEndpoint, EndpointLimit> limits, double liveReservedShare) {

    public static final String PREFIX = "quota.";
    public static final String LIVE_RESERVED_SHARE = PREFIX + "live.reserved.share";
    public static final double DEFAULT_LIVE_RESERVED_SHARE = 0.5;
    /** Default concurrency: lookups are cheap, uploads stream whole files, report polls are small GETs. */
    public static final Map<SandboxEndpoint, Integer> DEFAULT_MAX_CONCURRENT = Map.of(
            SandboxEndpoint.REPUTATION, 32, SandboxEndpoint.UPLOAD, 8, SandboxEndpoint.REPORT, 64);

    private static final String[] SUFFIXES = {".per.second", ".per.minute", ".max.concurrent"};

    public QuotaConfig {
        Objects.requireNonNull(limits, "limits");
        if (!Double.isFinite(liveReservedShare) || liveReservedShare < 0 || liveReservedShare > 1) {
            throw new IllegalArgumentException("liveReservedShare must be between 0 (no reservation) and 1 (replay only uses "
                    + "what live leaves idle), got " + liveReservedShare);
        }
        Map<SandboxEndpoint, EndpointLimit> complete = new EnumMap<>(SandboxEndpoint.class);
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            complete.put(endpoint, Objects.requireNonNullElse(limits.get(endpoint), EndpointLimit.UNLIMITED));
        }
        // an EnumMap keeps the endpoints in their natural order for toString and metrics
        limits = Collections.unmodifiableMap(complete);
    }

    /** No limits at all (tests, or an instance of one's own with capacity to spare). */
    public static QuotaConfig unlimited() {
        return new QuotaConfig(Map.of(), DEFAULT_LIVE_RESERVED_SHARE);
    }

    public EndpointLimit limit(SandboxEndpoint endpoint) {
        return limits.get(endpoint);
    }

    /** A copy with another limit for one endpoint. */
    public QuotaConfig with(SandboxEndpoint endpoint, EndpointLimit limit) {
        Map<SandboxEndpoint, EndpointLimit> copy = new EnumMap<>(limits);
        copy.put(endpoint, limit);
        return new QuotaConfig(copy, liveReservedShare);
    }

    public QuotaConfig withLiveReservedShare(double share) {
        return new QuotaConfig(limits, share);
    }

    /**
     * Reads {@code quota.<endpoint>.per.second}, {@code quota.<endpoint>.per.minute},
     * {@code quota.<endpoint>.max.concurrent} (endpoint: reputation, upload, report) and {@code quota.live.reserved.share}.
     * Unknown {@code quota.*} keys are rejected: a misspelt limit silently ignored would leave the Sandbox unprotected.
     */
    public static QuotaConfig from(ConfigValues values) {
        rejectUnknownKeys(values);
        Map<SandboxEndpoint, EndpointLimit> limits = new EnumMap<>(SandboxEndpoint.class);
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            String key = PREFIX + endpoint.configName();
            double perSecond = rate(values, key + ".per.second");
            double perMinute = rate(values, key + ".per.minute");
            int maxConcurrent = values.getInt(key + ".max.concurrent", DEFAULT_MAX_CONCURRENT.get(endpoint));
            if (maxConcurrent < 0) {
                throw new ConfigException(key + ".max.concurrent must be 0 (unlimited) or a positive number of calls, got " + maxConcurrent);
            }
            limits.put(endpoint, new EndpointLimit(perSecond, perMinute, maxConcurrent));
        }
        double share = values.getDouble(LIVE_RESERVED_SHARE, DEFAULT_LIVE_RESERVED_SHARE);
        if (!(share >= 0 && share <= 1)) {
            throw new ConfigException(LIVE_RESERVED_SHARE + " must be between 0 (no reservation) and 1 (replay only uses idle capacity), got " + share);
        }
        return new QuotaConfig(limits, share);
    }

    private static double rate(ConfigValues values, String key) {
        double rate = values.getDouble(key, 0);
        if (!Double.isFinite(rate) || rate < 0) {
            throw new ConfigException(key + " must be 0 (unlimited) or a positive number of requests, got " + rate);
        }
        return rate;
    }

    private static void rejectUnknownKeys(ConfigValues values) {
        Set<String> known = new TreeSet<>();
        known.add(LIVE_RESERVED_SHARE);
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            for (String suffix : SUFFIXES) {
                known.add(PREFIX + endpoint.configName() + suffix);
            }
        }
        for (String rest : values.withPrefix(PREFIX).keySet()) {
            if (!known.contains(PREFIX + rest)) {
                throw new ConfigException("unknown setting " + PREFIX + rest + "; quota settings are " + known);
            }
        }
    }
}
