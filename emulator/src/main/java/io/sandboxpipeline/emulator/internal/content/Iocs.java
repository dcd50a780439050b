package io.sandboxpipeline.emulator.internal.content;

import java.util.List;

/**
 * Indicators found in content, each in first-seen order: URLs, domains, IPv4 addresses, sha256 hashes, e-mail
 * addresses, UUIDs and Windows registry paths (the IOC types of the captured reports).
 */
public record Iocs(List<String> urls, List<String> domains, List<String> ips, List<String> sha256s, List<String> emails,
                   List<String> uuids, List<String> registryPaths) {

    public Iocs {
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
        ips = List.copyOf(ips);
        sha256s = List.copyOf(sha256s);
        emails = List.copyOf(emails);
        uuids = List.copyOf(uuids);
        registryPaths = List.copyOf(registryPaths);
    }

    public static Iocs none() {
        return new Iocs(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
