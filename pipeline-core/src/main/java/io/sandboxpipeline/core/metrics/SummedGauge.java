package io.sandboxpipeline.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One gauge fed by any number of sources: every stream task of a stage instance registers its own count when it starts
 * and ends the registration when it closes (tasks move between instances on a rebalance), and the gauge shows the sum.
 * Micrometer keeps the first gauge registered under a name and tags, so registering per task directly would show one
 * task's count only.
 */
final class SummedGauge {

    /** One source; identity-equal, so a registration removes exactly itself even if the same supplier was added twice. */
    private static final class Source {
        private final Supplier<? extends Number> supplier;

        Source(Supplier<? extends Number> supplier) {
            this.supplier = supplier;
        }
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    SummedGauge(MeterRegistry registry, String name, String description, Tags tags) {
        Gauge.builder(name, this, SummedGauge::sum).description(description).tags(tags).strongReference(true).register(registry);
    }

    Registration add(Supplier<? extends Number> supplier) {
        if (supplier == null) {
            throw new IllegalArgumentException("supplier must not be null");
        }
        Source source = new Source(supplier);
        sources.add(source);
        return () -> sources.remove(source);
    }

    /** Called on the scrape thread: a source that fails (e.g. its task is closing) is skipped, not fatal. */
    double sum() {
        double total = 0;
        for (Source source : sources) {
            try {
                Number value = source.supplier.get();
                if (value != null && Double.isFinite(value.doubleValue())) {
                    total += value.doubleValue();
                }
            } catch (RuntimeException e) {
                // skipped: the next scrape asks again
            }
        }
        return total;
    }
}
