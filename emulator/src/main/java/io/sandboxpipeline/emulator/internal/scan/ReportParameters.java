package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sandboxpipeline.emulator.internal.http.QueryParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code filter} and {@code sorting} parameters of a report request. {@code other} is accepted and ignored
 * (its only documented value, {@code emulationGraph}, is not emulated).
 *
 * @param filters  distinct non-blank filters in request order; empty = the basic view
 * @param sortings per section ({@code allTags}, {@code allSignalGroups}, ...) the sort keys, e.g.
 *                 {@code allSignalGroups(description:asc,averageSignalStrength:desc)}
 */
public record ReportParameters(List<String> filters, Map<String, List<SortKey>> sortings) {

    private static final Pattern SORTING = Pattern.compile("^\\s*([A-Za-z0-9_:.]+)\\s*\\((.*)\\)\\s*$");

    /** One sort key: a dotted path into the items and its direction. */
    public record SortKey(List<String> path, boolean descending) {
    }

    public ReportParameters {
        filters = List.copyOf(filters);
        sortings = Map.copyOf(sortings);
    }

    public static ReportParameters from(QueryParameters query) {
        LinkedHashSet<String> filters = new LinkedHashSet<>();
        query.all("filter").stream().map(String::trim).filter(filter -> !filter.isEmpty()).forEach(filters::add);
        Map<String, List<SortKey>> sortings = new LinkedHashMap<>();
        // Unparseable sortings are ignored rather than rejected: the Sandbox's behaviour is undocumented [?].
        for (String sorting : query.all("sorting")) {
            Matcher matcher = SORTING.matcher(sorting);
            if (matcher.matches()) {
                List<SortKey> keys = sortKeys(matcher.group(2));
                if (!keys.isEmpty()) {
                    sortings.put(matcher.group(1), keys);
                }
            }
        }
        return new ReportParameters(new ArrayList<>(filters), sortings);
    }

    public boolean basic() {
        return filters.isEmpty();
    }

    /** Sorts a section's items in place if a sorting for the section was requested (stable: ties keep order). */
    void sort(String section, ArrayNode items) {
        List<SortKey> keys = sortings.get(section);
        if (keys == null || items.size() < 2) {
            return;
        }
        Comparator<JsonNode> order = null;
        for (SortKey key : keys) {
            Comparator<JsonNode> byKey = (a, b) -> compareValues(resolve(a, key.path()), resolve(b, key.path()),
                    key.descending());
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        List<JsonNode> sorted = new ArrayList<>();
        items.forEach(sorted::add);
        sorted.sort(order);
        items.removeAll();
        sorted.forEach(items::add);
    }

    private static List<SortKey> sortKeys(String spec) {
        List<SortKey> keys = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] fieldAndDirection = part.trim().split(":");
            if (fieldAndDirection[0].isEmpty()) {
                continue;
            }
            boolean descending = fieldAndDirection.length > 1
                    && fieldAndDirection[1].trim().toLowerCase(Locale.ROOT).equals("desc");
            keys.add(new SortKey(List.of(fieldAndDirection[0].trim().split("\\.")), descending));
        }
        return keys;
    }

    private static JsonNode resolve(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null) {
                return null;
            }
            current = current.get(step);
        }
        return current;
    }

    /** Numbers numerically, arrays by size, everything else as text; missing values always last. */
    private static int compareValues(JsonNode a, JsonNode b, boolean descending) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return Boolean.compare(aMissing, bMissing);
        }
        int result;
        if (a.isNumber() && b.isNumber()) {
            result = Double.compare(a.asDouble(), b.asDouble());
        } else if (a.isArray() && b.isArray()) {
            result = Integer.compare(a.size(), b.size());
        } else {
            result = a.asText().compareTo(b.asText());
        }
        return descending ? -result : result;
    }
}
