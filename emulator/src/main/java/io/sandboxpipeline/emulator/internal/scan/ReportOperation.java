package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sandboxpipeline.emulator.internal.http.ApiRequest;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;
import io.sandboxpipeline.emulator.internal.http.ValidationErrors;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /api/scan/{flow_id}/report}. A flow id that is not a 24-hex ObjectId is answered 422 (FastAPI path
 * validation; the Sandbox documents 400 and 422 for this endpoint and which one applies is unknown [?] - clients
 * should treat both as "bad id"). An unknown well-formed id is 404 {@code {"detail":"Item not found"}}.
 */
public final class ReportOperation {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");

    private final FlowRegistry flows;
    private final ReportRenderer renderer;
    private final Clock clock;

    public ReportOperation(FlowRegistry flows, ReportRenderer renderer, Clock clock) {
        this.flows = flows;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** {@code /api/scan/{flow_id}/report}: the third path segment. */
    public static String flowIdOf(ApiRequest request) {
        return request.segments().get(2);
    }

    public ApiResponse handle(ApiRequest request) {
        String flowId = flowIdOf(request);
        if (!OBJECT_ID.matcher(flowId).matches()) {
            return new ValidationErrors().add("Value error, Invalid ObjectId: expected 24 hexadecimal characters",
                    "value_error", JsonNodeFactory.instance.textNode(flowId), "path", "flow_id").toResponse();
        }
        Optional<Flow> flow = flows.find(flowId);
        if (flow.isEmpty()) {
            return ApiResponse.detail(404, "Item not found");
        }
        return ApiResponse.json(200, renderer.render(flow.get(), clock.instant(), ReportParameters.from(request.query())));
    }
}
