package io.sandboxpipeline.app.e2e;

import io.sandboxpipeline.emulator.EmulatorConfig;
import io.sandboxpipeline.emulator.SandboxEmulator;
import io.sandboxpipeline.kafka.embedded.EmbeddedKafka;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-JVM broker and a Sandbox emulator (both on loopback), started once for a test class and stopped after it: the
 * infrastructure every end-to-end test of the pipeline needs. Register it as a static field.
 */
final class BrokerAndSandbox implements BeforeAllCallback, AfterAllCallback {

    private final String apiKey;
    private final UnaryOperator<EmulatorConfig.Builder> options;
    private EmbeddedKafka kafka;
    private SandboxEmulator emulator;

    private BrokerAndSandbox(String apiKey, UnaryOperator<EmulatorConfig.Builder> options) {
        this.apiKey = apiKey;
        this.options = options;
    }

    /** {@code options} set the emulator's further settings on a builder that has the key. */
    static BrokerAndSandbox withKey(String apiKey, UnaryOperator<EmulatorConfig.Builder> options) {
        return new BrokerAndSandbox(apiKey, options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
        emulator = SandboxEmulator.start(options.apply(EmulatorConfig.builder().apiKey(apiKey)).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    SandboxEmulator emulator() {
        return emulator;
    }

    String apiKey() {
        return apiKey;
    }
}
