package io.sandboxpipeline.tools.replay;

import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Lane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One file of a run with the event id it is published under.
 *
 * @param eventId the key on {@code file-arrivals} and the id its verdict carries
 * @param file    the file
 */
public record ReplayEvent(String eventId, ReplayFile file) {

    /** The attribute that marks a replayed event (and its verdict) with its run id. */
    public static final String RUN_ATTRIBUTE = "replay.run";
    public static final String SOURCE_SYSTEM = "replay";

    public ReplayEvent {
        Objects.requireNonNull(file, "file");
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a replayed event needs an event id (file " + file.uri() + ")");
        }
    }

    /** The run's events, in the listing's order: a manifest's event id where it gives one, else one derived from the uri. */
    public static List<ReplayEvent> plan(RunId run, List<ReplayFile> files) {
        List<ReplayEvent> events = new ArrayList<>(files.size());
        for (ReplayFile file : files) {
            events.add(new ReplayEvent(file.eventId() != null ? file.eventId() : run.eventIdOf(file.uri()), file));
        }
        return events;
    }

    /** The file-arrival event: lane REPLAY, source system "replay", and the run id as {@value #RUN_ATTRIBUTE}. */
    public FileArrival arrival(RunId run) {
        return FileArrival.newBuilder()
                .setEventId(eventId)
                .setUri(file.uri())
                .setSha256(file.sha256())
                .setSize(file.size())
                .setName(file.name())
                .setContentType(null)
                .setSourceSystem(SOURCE_SYSTEM)
                .setLane(Lane.REPLAY)
                .setArrivalTime(file.storedAt())
                .setAttributes(Map.of(RUN_ATTRIBUTE, run.value()))
                .build();
    }
}
