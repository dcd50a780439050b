package io.sandboxpipeline.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StageHealthTest {

    @Test
    void shouldCountOnlyStatesAStageCannotLeaveByItselfAsNotLive() {
        for (State state : State.values()) {
            boolean fatal = state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING;
            assertThat(StageHealth.live(Map.of("poller", state)).up()).as(state.name()).isEqualTo(!fatal);
        }
    }

    @Test
    void shouldBeReadyOnlyWhenEveryStageRuns() {
        assertThat(StageHealth.ready(Map.of("submitter", State.RUNNING, "poller", State.RUNNING)).httpStatus()).isEqualTo(200);
        assertThat(StageHealth.ready(Map.of("submitter", State.RUNNING, "poller", State.CREATED)).httpStatus()).isEqualTo(503);
        assertThat(StageHealth.ready(Map.of()).httpStatus()).as("no stage yet").isEqualTo(503);
    }

    @Test
    void shouldTreatAStageWithoutAStateAsAliveButNotReady() {
        Map<String, State> unknown = new HashMap<>();
        unknown.put("enricher", null);

        assertThat(StageHealth.live(unknown).up()).isTrue();
        assertThat(StageHealth.ready(unknown).up()).isFalse();
        assertThat(StageHealth.ready(unknown).json()).isEqualTo("{\"status\":\"DOWN\",\"stages\":{\"enricher\":\"null\"}}");
    }

    @Test
    void shouldKeepTheJsonValidWhateverAStageIsCalled() {
        StageHealth health = StageHealth.live(Map.of("odd \"name\"\\\n", State.RUNNING));

        assertThat(health.json()).isEqualTo("{\"status\":\"UP\",\"stages\":{\"odd \\\"name\\\"\\\\\\u000a\":\"RUNNING\"}}");
    }
}
