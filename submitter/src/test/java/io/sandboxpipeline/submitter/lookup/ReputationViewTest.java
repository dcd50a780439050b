package io.sandboxpipeline.submitter.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sandboxpipeline.schemas.CachedVerdict;
import io.sandboxpipeline.schemas.Decider;
import io.sandboxpipeline.schemas.Verdict;
import io.sandboxpipeline.serde.AvroClassTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReputationViewTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Instant DECIDED = Instant.parse("2025-01-28T10:24:45.678Z");

    static {
        // Avro builds records only of classes it was told to trust
        AvroClassTrust.declarePipelineSchemas();
    }

    private static CachedVerdict cached(Verdict verdict, String flowId, Duration ttl) {
        return CachedVerdict.newBuilder().setSha256(SHA).setVerdict(verdict).setThreatLevel(0.75).setConfidence(1.0)
                .setDecidedBy(Decider.SANDBOX).setFlowId(flowId).setArchiveVerdict(null).setMembers(List.of())
                .setDecidedAt(DECIDED).setExpiresAt(DECIDED.plus(ttl)).build();
    }

    @Test
    void shouldRenderAFreshVerdictAsTheSandboxRendersAReputation() {
        ObjectNode view = ReputationView.of(SHA, Optional.of(cached(Verdict.LIKELY_MALICIOUS, "6798b06a09ca8ddccaa476ca",
                Duration.ofDays(30))), DECIDED.plusSeconds(60));

        assertThat(view.toString()).isEqualTo("{\"sha256\":\"" + SHA + "\",\"overall_verdict\":\"likely_malicious\","
                + "\"fuzzyhash\":{\"verdict\":\"unknown\"},\"mdcloud\":null,\"filescan_reports\":[{\"verdict\":\"likely_malicious\","
                + "\"report_date\":\"01/28/2025, 10:24:45\",\"report_id\":null,\"flow_id\":\"6798b06a09ca8ddccaa476ca\"}]}");
    }

    @Test
    void shouldAnswerUnknownWithoutReportsOnceTheVerdictExpired() {
        ObjectNode view = ReputationView.of(SHA, Optional.of(cached(Verdict.NO_THREAT, "6798b06a09ca8ddccaa476ca",
                Duration.ofDays(7))), DECIDED.plus(Duration.ofDays(7)));

        assertThat(view.get("overall_verdict").asText()).isEqualTo("unknown");
        assertThat(view.get("filescan_reports")).isEmpty();
    }

    @Test
    void shouldKeepTheFlowIdKeyWhenTheVerdictCameWithoutAFlow() {
        ObjectNode view = ReputationView.of(SHA, Optional.of(cached(Verdict.MALICIOUS, null, Duration.ofDays(1))), DECIDED);

        assertThat(view.get("filescan_reports").get(0).has("flow_id")).isTrue();
        assertThat(view.get("filescan_reports").get(0).get("flow_id").isNull()).isTrue();
        assertThat(view.get("overall_verdict").asText()).isEqualTo("malicious");
    }
}
