package io.sandboxpipeline.submitter.policy;

import io.sandboxpipeline.core.config.ConfigException;
import io.sandboxpipeline.core.config.ConfigValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-source policies, most specific (longest prefix) first. Configured as
 * {@code policy.<name>.prefix=s3://hr-documents/}, {@code policy.<name>.mode=upload|hash-only|url} and
 * {@code policy.<name>.public.report=true|false}.
 */
public final class SourcePolicies {

    private final List<SourcePolicy> policies;
    private final SourcePolicy fallback;

    public SourcePolicies(List<SourcePolicy> policies, SourcePolicy fallback) {
        this.policies = policies.stream().sorted(Comparator.comparingInt((SourcePolicy p) -> p.prefix().length()).reversed()).toList();
        this.fallback = fallback;
    }

    public static SourcePolicies from(ConfigValues values, boolean privateReportByDefault) {
        Map<String, String> keys = values.withPrefix("policy.");
        TreeSet<String> names = new TreeSet<>();
        keys.keySet().forEach(key -> names.add(key.substring(0, Math.max(key.indexOf('.'), 0))));
        names.remove("");
        List<SourcePolicy> policies = new ArrayList<>();
        for (String name : names) {
            String prefix = values.get("policy." + name + ".prefix")
                    .orElseThrow(() -> new ConfigException("policy." + name + ".prefix is required (e.g. s3://bucket/ or file:///data/dir/)"));
            String mode = values.get("policy." + name + ".mode", "upload").toLowerCase(Locale.ROOT);
            if (!mode.equals("upload") && !mode.equals("hash-only") && !mode.equals("url")) {
                throw new ConfigException("policy." + name + ".mode must be upload, hash-only or url, got '" + mode + "'");
            }
            policies.add(new SourcePolicy(name, prefix, mode.equals("hash-only"),
                    values.getBoolean("policy." + name + ".public.report", !privateReportByDefault && !mode.equals("hash-only")),
                    mode.equals("url")));
        }
        return new SourcePolicies(policies, SourcePolicy.defaultPolicy(privateReportByDefault));
    }

    public SourcePolicy forUri(String uri) {
        for (SourcePolicy policy : policies) {
            if (policy.appliesTo(uri)) {
                return policy;
            }
        }
        return fallback;
    }
}
