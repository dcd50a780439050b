package io.sandboxpipeline.core.ops;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The answer of a health endpoint: up or down, and every stage's Kafka Streams state.
 *
 * <p>Live: no stage is in a state it cannot leave by itself ({@code ERROR}, {@code PENDING_ERROR}, or
 * {@code NOT_RUNNING}, e.g. after the Sandbox rejected the API key); restarting the process is then the remedy.
 * {@code REBALANCING}, {@code PENDING_SHUTDOWN} (a graceful close) and a paused stage are alive.
 * Ready: there is at least one stage and every stage is {@code RUNNING}.
 *
 * @param up     whether the endpoint answers 200
 * @param stages every stage's state, by stage name
 */
record StageHealth(boolean up, SortedMap<String, KafkaStreams.State> stages) {

    private static final Set<KafkaStreams.State> FATAL = Set.of(
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);

    StageHealth {
        stages = new TreeMap<>(Objects.requireNonNull(stages, "stages"));
    }

    static StageHealth live(Map<String, KafkaStreams.State> states) {
        return new StageHealth(states.values().stream().noneMatch(state -> state != null && FATAL.contains(state)), new TreeMap<>(states));
    }

    static StageHealth ready(Map<String, KafkaStreams.State> states) {
        boolean running = !states.isEmpty() && states.values().stream().allMatch(state -> state == KafkaStreams.State.RUNNING);
        return new StageHealth(running, new TreeMap<>(states));
    }

    int httpStatus() {
        return up ? 200 : 503;
    }

    /** E.g. {@code {"status":"DOWN","stages":{"poller":"RUNNING","submitter":"REBALANCING"}}}. */
    String json() {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"stages\":{");
        String separator = "";
        for (Map.Entry<String, KafkaStreams.State> stage : stages.entrySet()) {
            json.append(separator).append(quote(stage.getKey())).append(':').append(quote(String.valueOf(stage.getValue())));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    /** A JSON string; stage names are plain words, but a name must never break the document. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
