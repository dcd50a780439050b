package io.sandboxpipeline.core.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sandboxpipeline.core.config.TopicCompression;
import io.sandboxpipeline.core.topic.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private final TopicNames names = TopicNames.withPrefix("soc.");

    private Map<String, String> configsOf(String topic) {
        List<NewTopic> plan = TopicProvisioner.plan(names, 3, (short) 1);
        Optional<NewTopic> planned = plan.stream().filter(t -> t.name().equals(topic)).findFirst();
        assertThat(planned).as("%s is planned", topic).isPresent();
        return planned.get().configs();
    }

    @Test
    void shouldCreateTheIocFeedCompactedLikeTheVerdictCache() {
        assertThat(configsOf("soc.ioc-feed")).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(configsOf("soc.verdict-cache")).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void shouldCreateTheJsonMirrorWithTheBrokersDefaultRetentionLikeTheVerdicts() {
        assertThat(configsOf("soc.verdicts-json")).doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(names.all()).contains(names.verdictsJson(), names.iocFeed()).doesNotHaveDuplicates();
    }

    @Test
    void shouldStoreTheOutputTopicsInACodecEveryClientDecodes() {
        for (String output : names.outputs()) {
            assertThat(configsOf(output)).as(output).containsEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        }
        assertThat(configsOf("soc.scan-flows")).doesNotContainKey(TopicConfig.COMPRESSION_TYPE_CONFIG);
    }

    @Test
    void shouldTakeTheConfiguredOutputCodec() {
        List<NewTopic> plan = TopicProvisioner.plan(names, 3, (short) 1, new TopicCompression("zstd", "none"));
        assertThat(plan).filteredOn(t -> t.name().equals("soc.verdicts")).singleElement()
                .satisfies(t -> assertThat(t.configs()).containsEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, "none"));
    }
}
