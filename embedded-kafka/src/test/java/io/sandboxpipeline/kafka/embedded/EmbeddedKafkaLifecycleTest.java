package io.sandboxpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaLifecycleTest {

    @Test
    void shouldKeepTopicsAndRecordsWhenRestartedOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        // given
        EmbeddedKafkaOptions options = EmbeddedKafkaOptions.defaults().withDataDir(dataDir);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options)) {
            kafka.createTopics(2, "verdicts");
            try (KafkaProducer<String, String> producer = Clients.producer(kafka)) {
                producer.send(new ProducerRecord<>("verdicts", "flow-42", "suspicious")).get();
            }
        }
        assertThat(dataDir).as("a given data dir is kept on close").isNotEmptyDirectory();

        // when
        try (EmbeddedKafka restarted = EmbeddedKafka.start(options);
             KafkaConsumer<String, String> consumer = Clients.consumer(restarted, "after-restart", "read_committed")) {
            consumer.subscribe(List.of("verdicts"));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 1, Duration.ofSeconds(15));

            // then
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("flow-42");
                assertThat(record.value()).isEqualTo("suspicious");
            });
            assertThat(restarted.admin().describeTopics(List.of("verdicts")).allTopicNames().get()
                    .get("verdicts").partitions()).hasSize(2);
        }
    }

    @Test
    void shouldCloseWithinTwoSecondsAndDeleteItsTemporaryDataDir() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path dataDir = kafka.dataDir();
        kafka.createTopics(1, "files");
        try (KafkaProducer<String, String> producer = Clients.producer(kafka)) {
            producer.send(new ProducerRecord<>("files", "sha256", "stored")).get();
        }

        long started = System.nanoTime();
        kafka.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - started);

        assertThat(closing).isLessThan(Duration.ofSeconds(2));
        assertThat(Files.exists(dataDir)).as("temporary data dir %s deleted", dataDir).isFalse();
    }

    @Test
    void shouldApplyBrokerOverrides() throws Exception {
        EmbeddedKafkaOptions options = EmbeddedKafkaOptions.defaults().withBrokerOverride("num.partitions", "5")
                .withBrokerOverride("auto.create.topics.enable", "true");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options);
             KafkaProducer<String, String> producer = Clients.producer(kafka)) {
            // with auto-creation switched back on, producing to an unknown topic creates it with num.partitions
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();

            assertThat(kafka.admin().describeTopics(List.of("auto-created")).allTopicNames().get()
                    .get("auto-created").partitions()).hasSize(5);
        }
    }
}
