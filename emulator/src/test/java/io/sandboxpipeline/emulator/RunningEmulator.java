package io.sandboxpipeline.emulator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An emulator on a {@link MutableClock}, started with the test key before each test and closed after it. */
final class RunningEmulator implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<EmulatorConfig.Builder> options;
    private MutableClock clock;
    private SandboxEmulator emulator;
    private SandboxApi api;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private RunningEmulator(UnaryOperator<EmulatorConfig.Builder> options) {
        this.options = options;
    }

    /** The emulator's own defaults, for tests that never let a scan finish. */
    static RunningEmulator withDefaults() {
        return new RunningEmulator(UnaryOperator.identity());
    }

    static RunningEmulator scanningIn(Duration scanDuration) {
        return scanningIn(scanDuration, UnaryOperator.identity());
    }

    /** {@code more} sets further options on a builder that already has the key and the scan duration. */
    static RunningEmulator scanningIn(Duration scanDuration, UnaryOperator<EmulatorConfig.Builder> more) {
        return new RunningEmulator(builder -> more.apply(builder.scanDuration(scanDuration)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clock = MutableClock.atSomeDay();
        emulator = SandboxEmulator.start(options.apply(EmulatorConfig.builder().apiKey(SandboxApi.API_KEY)).build(),
                clock);
        exchanges.clear();
        // every answer of every test using this extension is held to the service's OpenAPI document (after the test:
        // checking on the server's threads would slow the answers down)
        emulator.observeExchanges(exchanges::add);
        api = new SandboxApi(emulator);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
        }
        Set<String> violations = new LinkedHashSet<>();
        exchanges.forEach(exchange -> violations.addAll(OpenApiContract.violations(exchange)));
        if (!violations.isEmpty()) {
            throw new AssertionError("answers that break the service's OpenAPI document:\n  "
                    + String.join("\n  ", violations));
        }
    }

    SandboxEmulator emulator() {
        return emulator;
    }

    SandboxApi api() {
        return api;
    }

    MutableClock clock() {
        return clock;
    }
}
