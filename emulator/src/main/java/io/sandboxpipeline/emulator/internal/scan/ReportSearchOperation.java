package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.content.MediaType;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * {@code GET /api/reports/search}, the service's "Simple Search", as its OpenAPI document describes it: "Simple search
 * only uses the {@code query} param (and some other defaults), other params are ignored." So:
 * <ul>
 *   <li>only {@code query}, {@code page} and {@code page_size} (5, 10 or 20) are read; {@code sha256=}, {@code md5=},
 *   {@code main_task_state=} and the other filters change nothing;</li>
 *   <li>a query matches a report whose file's sha256 it equals, or one of whose upload's tags it is (case
 *   insensitive) [I: the real service also matches names, IOCs and more]; a query that matches nothing and is the
 *   base64 form of printable text (as IntelOwl sends it) is decoded and tried again;</li>
 *   <li>{@code main_task_state} defaults to {@code success}: only finished, successful reports are listed; a flow still
 *   scanning, or one that failed, is not;</li>
 *   <li>a search without a query lists the newest public reports of other users (made up here, dated now, some of them
 *   malicious); so does every search while {@link io.sandboxpipeline.emulator.Faults#strangersInSearch()} is on.</li>
 * </ul>
 * Whether the real service lists one's own private reports to oneself is not documented [?]; the emulator has one
 * account and lists them. Items have the captured shape: {@code id, file{name, mime_type, short_type, sha256, link},
 * scan_init{id}, state, verdict (lower case), tags[{source, tag{name}}], date, matches[], updated_date}.
 */
public final class ReportSearchOperation {

    private static final List<Integer> PAGE_SIZES = List.of(5, 10, 20);
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,128}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]+");

    private final FlowRegistry flows;
    private final Clock clock;
    private final BooleanSupplier strangersOnly;
    private final Random strangers = new Random(7);

    public ReportSearchOperation(FlowRegistry flows, Clock clock, BooleanSupplier strangersOnly) {
        this.flows = flows;
        this.clock = clock;
        this.strangersOnly = strangersOnly;
    }

    public ApiResponse handle(ApiRequest request) {
        int pageSize = request.query().first("page_size").map(ReportSearchOperation::pageSize).orElse(10);
        int page = request.query().first("page").map(ReportSearchOperation::page).orElse(1);
        Optional<String> query = request.query().first("query").map(String::strip).filter(q -> !q.isEmpty());
        Instant now = clock.instant();
        List<ObjectNode> items;
        String method = "and";
        if (query.isEmpty() || strangersOnly.getAsBoolean()) {
            items = strangersReports(now, pageSize);
        } else {
            List<Map.Entry<Flow, String>> matches = matches(query.get(), now);
            if (matches.isEmpty()) {
                Optional<String> decoded = decodedBase64(query.get());
                if (decoded.isPresent()) {
                    matches = matches(decoded.get(), now);
                }
            }
            items = new ArrayList<>();
            matches.stream().skip((long) (page - 1) * pageSize).limit(pageSize)
                    .forEach(match -> items.add(item(match.getKey(), match.getValue(), now)));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("items");
        items.forEach(array::add);
        body.put("count", items.size());
        body.put("count_search_params", query.isPresent() ? 1 : 0);
        body.put("method", method);
        return ApiResponse.json(200, body);
    }

    /** Finished, successful flows matching the query, newest first, each with what matched. */
    private List<Map.Entry<Flow, String>> matches(String query, Instant now) {
        Map<Flow, String> found = new LinkedHashMap<>();
        if (HEX.matcher(query).matches()) {
            flows.withSha256(query).forEach(flow -> found.putIfAbsent(flow, "sha256"));
        }
        flows.withTag(query).forEach(flow -> found.putIfAbsent(flow, "tag"));
        return found.entrySet().stream()
                .filter(entry -> isSuccess(entry.getKey(), now))
                .sorted(Comparator.comparing((Map.Entry<Flow, String> entry) -> entry.getKey().submittedAt()).reversed())
                .toList();
    }

    private static boolean isSuccess(Flow flow, Instant now) {
        return flow.phaseAt(now) == FlowPhase.FINISHED && flow.failure().isEmpty() && flow.rejectedReason().isEmpty()
                && !flow.reports().isEmpty() && flow.reports().stream().noneMatch(FileReport::failed);
    }

    /** The base64 form of printable text, decoded; empty when the query is not that. */
    private static Optional<String> decodedBase64(String query) {
        try {
            String text = new String(Base64.getDecoder().decode(query), StandardCharsets.UTF_8).strip();
            return PRINTABLE.matcher(text).matches() ? Optional.of(text) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static ObjectNode item(Flow flow, String matchedBy, Instant now) {
        FileReport report = flow.reports().get(0);
        MediaType mediaType = report.findings().mediaType();
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("id", report.reportId());
        ObjectNode file = item.putObject("file");
        file.put("name", flow.submission().fileName());
        file.put("mime_type", mediaType.mimeType());
        file.put("short_type", mediaType.tagName());
        file.put("sha256", flow.submission().sha256());
        file.put("link", "");
        item.putObject("scan_init").put("id", flow.flowId());
        item.put("state", "success");
        item.put("verdict", flow.reports().stream().map(FileReport::verdict).max(Comparator.naturalOrder())
                .map(v -> v.lowerCase()).orElse("unknown"));
        ArrayNode tags = item.putArray("tags");
        tags.add(tag("MEDIA_TYPE", mediaType.tagName()));
        for (String tag : FlowRegistry.uploadTags(flow.submission())) {
            tags.add(tag("USER", tag));
        }
        item.put("date", SandboxDates.reportDate(flow.submittedAt()));
        ArrayNode matches = item.putArray("matches");
        ObjectNode match = matches.addObject();
        match.put("type", matchedBy);
        match.put("value", matchedBy.equals("sha256") ? flow.submission().sha256() : "");
        item.put("updated_date", SandboxDates.reportDate(flow.finishesAt().isAfter(now) ? now : flow.finishesAt()));
        return item;
    }

    /** Other users' newest public reports: files this emulator never saw, dated now. */
    private synchronized List<ObjectNode> strangersReports(Instant now, int count) {
        List<ObjectNode> items = new ArrayList<>();
        String[] verdicts = {"malicious", "no_threat", "likely_malicious", "suspicious", "benign"};
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[32];
            strangers.nextBytes(hash);
            byte[] flow = new byte[12];
            strangers.nextBytes(flow);
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            item.put("id", new UUID(strangers.nextLong(), strangers.nextLong()).toString());
            ObjectNode file = item.putObject("file");
            file.put("name", "sample-" + Integer.toHexString(strangers.nextInt()) + ".exe");
            file.put("mime_type", "application/x-dosexec");
            file.put("short_type", "peexe");
            file.put("sha256", HexFormat.of().formatHex(hash));
            file.put("link", "");
            item.putObject("scan_init").put("id", HexFormat.of().formatHex(flow));
            item.put("state", "success");
            item.put("verdict", verdicts[i % verdicts.length]);
            item.putArray("tags").add(tag("MEDIA_TYPE", "peexe"));
            String date = SandboxDates.reportDate(now.minusSeconds(i));
            item.put("date", date);
            item.putArray("matches");
            item.put("updated_date", date);
            items.add(item);
        }
        return items;
    }

    private static ObjectNode tag(String source, String name) {
        ObjectNode tag = JsonNodeFactory.instance.objectNode();
        tag.put("source", source);
        tag.putObject("tag").put("name", name.toLowerCase(Locale.ROOT));
        return tag;
    }

    private static int pageSize(String text) {
        try {
            int size = Integer.parseInt(text);
            return PAGE_SIZES.contains(size) ? size : 10;
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    private static int page(String text) {
        try {
            return Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
