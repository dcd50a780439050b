package io.sandboxpipeline.emulator.internal.content;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts URLs, domains, IPv4 addresses and sha256 hashes from text, deterministically and in linear time:
 * URLs by a regex, the rest by splitting the text into host-like tokens and classifying each token.
 */
public final class IocExtractor {

    /** At most this many indicators of each kind are kept. */
    public static final int MAX_PER_KIND = 100;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'<>`{}|\\\\^\\[\\]]++");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:com|net|org|io|info|biz|ru|cn|de|uk|xyz|top|edu|gov|"
                    + "co|us|eu|fr|nl|me|app|dev|online|site|example|test|invalid|local)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern REGISTRY_PATH = Pattern.compile(
            "(?i)\\b(?:HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKLM|HKCU)\\\\[^\\s\"'<>]+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";

    private IocExtractor() {
    }

    public static Iocs extract(String text) {
        Set<String> urls = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        Set<String> hashes = new LinkedHashSet<>();
        Matcher url = URL.matcher(text);
        while (url.find() && urls.size() < MAX_PER_KIND) {
            String found = trimTrailing(url.group());
            urls.add(found);
            host(found).ifPresent(host -> classifyHost(host, domains, ips));
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean tokenChar = i < text.length() && isTokenChar(text.charAt(i));
            if (tokenChar && start < 0) {
                start = i;
            } else if (!tokenChar && start >= 0) {
                classifyToken(text.substring(start, i), domains, ips, hashes);
                start = -1;
            }
        }
        return new Iocs(limit(urls), limit(domains), limit(ips), limit(hashes), all(EMAIL, text), all(UUID, text),
                all(REGISTRY_PATH, text));
    }

    private static List<String> all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find() && found.size() < MAX_PER_KIND) {
            found.add(trimTrailing(matcher.group()));
        }
        return List.copyOf(found);
    }

    /** The host of a URL, lower-case, if it has one. */
    public static Optional<String> host(String url) {
        try {
            String host = URI.create(url).getHost();
            return Optional.ofNullable(host).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private static void classifyToken(String token, Set<String> domains, Set<String> ips, Set<String> hashes) {
        String trimmed = trimDotsAndDashes(token);
        if (trimmed.isEmpty() || trimmed.length() > 253) {
            return;
        }
        if (SHA256.matcher(trimmed).matches()) {
            hashes.add(trimmed.toLowerCase(Locale.ROOT));
        } else {
            classifyHost(trimmed.toLowerCase(Locale.ROOT), domains, ips);
        }
    }

    private static void classifyHost(String host, Set<String> domains, Set<String> ips) {
        if (IPV4.matcher(host).matches()) {
            ips.add(host);
        } else if (DOMAIN.matcher(host).matches()) {
            domains.add(host);
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static String trimDotsAndDashes(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && (token.charAt(from) == '.' || token.charAt(from) == '-')) {
            from++;
        }
        while (to > from && (token.charAt(to - 1) == '.' || token.charAt(to - 1) == '-')) {
            to--;
        }
        return token.substring(from, to);
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static List<String> limit(Set<String> values) {
        return new ArrayList<>(values).subList(0, Math.min(values.size(), MAX_PER_KIND));
    }
}
