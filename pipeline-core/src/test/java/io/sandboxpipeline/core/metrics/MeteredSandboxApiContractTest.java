package io.sandboxpipeline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sandboxpipeline.client.HashReputation;
import io.sandboxpipeline.client.ReportQuery;
import io.sandboxpipeline.client.SandboxClient;
import io.sandboxpipeline.client.SandboxClientConfig;
import io.sandboxpipeline.client.Verdict;
import io.sandboxpipeline.core.sandbox.SandboxApi;
import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.Faults;
import io.sandboxpipeline.emulator.SandboxEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The decorator around the real client, against the emulator over real HTTP on 127.0.0.1: statuses as the wire has them. */
class MeteredSandboxApiContractTest {

    private static final String KEY = "contract-test-key";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double calls(String endpoint, String status) {
        return registry.find(MeteredSandboxApi.CALLS).tags("endpoint", endpoint, "status", status)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static SandboxClient client(SandboxEmulator emulator, String key) {
        return SandboxClient.create(SandboxClientConfig.builder().baseUrl(emulator.baseUrl()).apiKey(key).build());
    }

    @Test
    void shouldCountAnswersAndErrorStatusesAsTheServiceSentThem() {
        try (SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().port(0).apiKey(KEY).build());
             SandboxClient client = client(emulator, KEY);
             SandboxClient wrongKey = client(emulator, "not-the-key")) {
            SandboxApi api = new MeteredSandboxApi(SandboxApi.of(client), registry, "submitter");
            SandboxApi rejected = new MeteredSandboxApi(SandboxApi.of(wrongKey), registry, "submitter");

            HashReputation eicar = api.hashReputation(SandboxEmulator.EICAR_SHA256).join();
            assertThatThrownBy(() -> api.report("ffffffffffffffffffffffff", ReportQuery.POLL).join()).isInstanceOf(CompletionException.class);
            assertThatThrownBy(() -> rejected.systemConfig().join()).isInstanceOf(CompletionException.class);

            assertThat(eicar.overallVerdict()).isEqualTo(Verdict.MALICIOUS);
            assertThat(calls("reputation", "200")).isEqualTo(1);
            assertThat(calls("report", "404")).isEqualTo(1);
            assertThat(calls("system_config", "401")).isEqualTo(1);
            assertThat(registry.find(MeteredSandboxApi.RATE_LIMITED).counters()).isEmpty();
        }
    }

    @Test
    void shouldCountQuotaRejectionsAs429() {
        // a stopped clock: the emulator's one-request bucket never refills, so the second call is over the quota
        Clock stopped = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        EmulatorConfig config = EmulatorConfig.builder().port(0).apiKey(KEY)
                .faults(Faults.builder().requestsPerSecondQuota(1).build()).build();
        try (SandboxEmulator emulator = SandboxEmulator.start(config, stopped); SandboxClient client = client(emulator, KEY)) {
            SandboxApi api = new MeteredSandboxApi(SandboxApi.of(client), registry, "submitter");

            api.hashReputation(SandboxEmulator.EICAR_SHA256).join();
            assertThatThrownBy(() -> api.hashReputation(SandboxEmulator.EICAR_SHA256).join()).isInstanceOf(CompletionException.class);

            assertThat(calls("reputation", "200")).isEqualTo(1);
            assertThat(calls("reputation", "429")).isEqualTo(1);
            assertThat(registry.get(MeteredSandboxApi.RATE_LIMITED).tags("endpoint", "reputation").counter().count()).isEqualTo(1);
        }
    }
}
