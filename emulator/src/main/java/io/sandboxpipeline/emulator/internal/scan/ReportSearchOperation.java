package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.SandboxDates;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/reports/search?sha256=} in the shape the reference gives for search items ({@code id, file{name,
 * sha256, short_type}, scan_init{id}, state, verdict (lower case), tags, date, matches, updated_date}), newest first.
 * Whether the real service lists one's own private uploads, and ones still scanning, is not documented [?]; the
 * emulator lists every flow of the hash the moment it was accepted, which is what a caller needs to find an upload
 * whose answer it lost. Only the {@code sha256} filter is served; without it the answer is an empty page.
 */
public final class ReportSearchOperation {

    private static final List<Integer> PAGE_SIZES = List.of(5, 10, 20);

    private final FlowRegistry flows;
    private final Clock clock;

    public ReportSearchOperation(FlowRegistry flows, Clock clock) {
        this.flows = flows;
        this.clock = clock;
    }

    public ApiResponse handle(ApiRequest request) {
        int pageSize = request.query().first("page_size").map(ReportSearchOperation::pageSize).orElse(10);
        Optional<String> sha256 = request.query().first("sha256").map(s -> s.toLowerCase(Locale.ROOT));
        List<Flow> matches = sha256.map(flows::withSha256).orElse(List.of()).stream()
                .sorted(Comparator.comparing(Flow::submittedAt).reversed())
                .toList();
        Instant now = clock.instant();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        matches.stream().limit(pageSize).forEach(flow -> items.add(item(flow, now)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("items", items);
        body.put("count", matches.size());
        body.put("count_search_params", sha256.isPresent() ? 1 : 0);
        body.put("method", "and");
        return ApiResponse.json(200, body);
    }

    private static int pageSize(String text) {
        try {
            int size = Integer.parseInt(text);
            return PAGE_SIZES.contains(size) ? size : 10;
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    private static ObjectNode item(Flow flow, Instant now) {
        boolean finished = flow.phaseAt(now) == FlowPhase.FINISHED;
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("id", flow.reports().isEmpty() ? flow.flowId() : flow.reports().get(0).reportId());
        ObjectNode file = item.putObject("file");
        file.put("name", flow.submission().fileName());
        file.put("sha256", flow.submission().sha256());
        file.put("short_type", "other");
        item.putObject("scan_init").put("id", flow.flowId());
        item.put("state", finished ? "success" : "in_progress");
        item.put("verdict", finished ? flow.reports().stream().map(FileReport::verdict)
                .max(Comparator.naturalOrder()).map(v -> v.lowerCase()).orElse("unknown") : "unknown");
        item.putArray("tags");
        item.put("date", SandboxDates.reportDate(flow.submittedAt()));
        item.putArray("matches");
        item.put("updated_date", SandboxDates.reportDate(finished ? flow.finishesAt() : flow.submittedAt()));
        return item;
    }
}
