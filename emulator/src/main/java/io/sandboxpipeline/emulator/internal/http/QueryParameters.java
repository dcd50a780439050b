package io.sandboxpipeline.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Query or url-encoded form parameters; a key may repeat ({@code ?filter=general&filter=finalVerdict}). */
public final class QueryParameters {

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses {@code a=1&b=2&a=3}; {@code null} or empty gives no parameters. */
    public static QueryParameters parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParameters(values);
    }

    /** The first value of a key. */
    public Optional<String> first(String key) {
        List<String> all = values.get(key);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The last value of a key (what Starlette's form parsing keeps). */
    public Optional<String> last(String key) {
        List<String> all = values.get(key);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every value of a repeated key, in request order. */
    public List<String> all(String key) {
        return Collections.unmodifiableList(values.getOrDefault(key, List.of()));
    }

    /** Each key with its last value, in first-seen order. */
    public Map<String, String> lastValues() {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, list) -> result.put(key, list.get(list.size() - 1)));
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text;
        }
    }
}
