package io.sandboxpipeline.emulator.internal.content;

import java.util.List;

/** Indicators found in content: URLs, domains, IPv4 addresses and sha256 hashes, each in first-seen order. */
public record Iocs(List<String> urls, List<String> domains, List<String> ips, List<String> sha256s) {

    public Iocs {
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
        ips = List.copyOf(ips);
        sha256s = List.copyOf(sha256s);
    }

    public static Iocs none() {
        return new Iocs(List.of(), List.of(), List.of(), List.of());
    }
}
