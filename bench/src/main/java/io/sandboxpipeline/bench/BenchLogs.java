package io.sandboxpipeline.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Keeps the stages' and Kafka's logs out of the benchmark's output (errors still show). */
final class BenchLogs {

    private static final List<String> NOISY = List.of("org.apache.kafka", "kafka", "io.sandboxpipeline");

    private BenchLogs() {
    }

    /** Lowers the noisy loggers to ERROR and returns what puts their previous levels back. */
    static Runnable quiet() {
        Map<Logger, Level> previous = new LinkedHashMap<>();
        for (String name : NOISY) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                previous.put(logger, logger.getLevel());
                logger.setLevel(Level.ERROR);
            }
        }
        return () -> previous.forEach(Logger::setLevel);
    }
}
