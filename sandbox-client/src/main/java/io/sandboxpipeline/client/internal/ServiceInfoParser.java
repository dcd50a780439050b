package io.sandboxpipeline.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandboxpipeline.client.ScanSubmission;
import io.sandboxpipeline.client.SystemConfig;
import io.sandboxpipeline.client.UserInfo;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads the small answers: scan submission, current user and system configuration. */
public final class ServiceInfoParser {

    private ServiceInfoParser() {
    }

    /** {@code {"flow_id": "...", "priority": {"applied": 100, "max_possible": 100}}}; the schema's typo is accepted. */
    public static ScanSubmission submission(JsonNode node) {
        Optional<String> flowId = node != null && node.isObject()
                ? JsonFields.firstText(node, "flow_id", "flowId").filter(id -> !id.isBlank())
                : Optional.empty();
        if (flowId.isEmpty()) {
            throw new ResponseShapeException("expected a scan response with flow_id");
        }
        JsonNode priority = JsonFields.object(node, "priority");
        OptionalInt maxPossible = JsonFields.intValue(priority, "max_possible");
        return new ScanSubmission(
                flowId.get(),
                JsonFields.intValue(priority, "applied"),
                maxPossible.isPresent() ? maxPossible : JsonFields.intValue(priority, "max_posibble"));
    }

    /** {@code accountId} identifies the account (XSOAR's key test); {@code userId} is accepted when it is missing. */
    public static UserInfo user(JsonNode node) {
        Optional<String> accountId = node != null && node.isObject()
                ? JsonFields.firstText(node, "accountId", "userId").filter(id -> !id.isBlank())
                : Optional.empty();
        if (accountId.isEmpty()) {
            throw new ResponseShapeException("expected a user object with accountId");
        }
        return new UserInfo(accountId.get(), JsonFields.text(node, "username"), JsonFields.text(node, "email"));
    }

    /**
     * {@code maxUploadSize} is in megabytes (on-prem admin guide) and converted with {@link SystemConfig#BYTES_PER_MB};
     * absent, zero or negative values (the field is not guaranteed on every deployment) read as unknown.
     */
    public static SystemConfig systemConfig(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ResponseShapeException("expected a system configuration object");
        }
        OptionalLong megabytes = JsonFields.longValue(node, "maxUploadSize");
        if (megabytes.isEmpty() || megabytes.getAsLong() <= 0
                || megabytes.getAsLong() > Long.MAX_VALUE / SystemConfig.BYTES_PER_MB) {
            return new SystemConfig(OptionalLong.empty());
        }
        return new SystemConfig(OptionalLong.of(megabytes.getAsLong() * SystemConfig.BYTES_PER_MB));
    }
}
