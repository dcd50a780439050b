package io.sandboxpipeline.emulator.internal.scan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.emulator.internal.http.ApiResponse;

/** The {@code ScanResponse} of both submit endpoints. */
final class ScanResponses {

    private ScanResponses() {
    }

    /** {@code {"flow_id": "...", "priority": {"applied": 100, "max_possible": 100}}}. */
    static ApiResponse accepted(Flow flow) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("flow_id", flow.flowId());
        body.putObject("priority").put("applied", 100).put("max_possible", 100);
        return ApiResponse.json(200, body);
    }
}
