package io.sandboxpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker stopped and started again on the same ports and data: clients keep their address and their data. */
class EmbeddedKafkaRestartTest {

    @Test
    void shouldComeBackOnTheSamePortsWithItsRecords(@TempDir Path dataDir) throws Exception {
        // given: a producer that outlives the broker it was created for
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaOptions.defaults().withDataDir(dataDir));
        try (KafkaProducer<String, String> producer = Clients.producer(kafka)) {
            kafka.createTopics(1, "verdicts");
            producer.send(new ProducerRecord<>("verdicts", "event-1", "before restart")).get();
            String bootstrap = kafka.bootstrapServers();
            List<Integer> ports = kafka.listenerPorts();

            // when
            EmbeddedKafkaOptions again = kafka.restartOptions();
            kafka.close();
            kafka = EmbeddedKafka.start(again);

            // then: same address, and the producer created before the restart reconnects by itself
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(kafka.listenerPorts()).isEqualTo(ports);
            producer.send(new ProducerRecord<>("verdicts", "event-2", "after restart")).get();
            try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka, "restart", "read_committed")) {
                consumer.subscribe(List.of("verdicts"));
                List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 2, Duration.ofSeconds(15));

                assertThat(received).extracting(ConsumerRecord::value).containsExactly("before restart", "after restart");
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void shouldListenOnLoopbackOnlyOnTheGivenPorts(@TempDir Path dataDir) throws IOException {
        int brokerPort = FreePort.onLoopback();
        int controllerPort = FreePort.onLoopbackOtherThan(brokerPort);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaOptions.defaults().withDataDir(dataDir)
                .withPorts(brokerPort, controllerPort))) {

            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
            assertThat(kafka.listenerPorts()).containsExactly(brokerPort, controllerPort);
            for (int port : kafka.listenerPorts()) {
                assertThat(ListeningSockets.localAddressesListeningOn(port))
                        .as("sockets listening on port %d", port)
                        .isNotEmpty()
                        .allMatch(ListeningSockets::isLoopback, "is 127.0.0.1 or ::1");
            }
        }
    }

    @Test
    void shouldRefuseToOfferRestartOptionsForATemporaryDataDir() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertThatThrownBy(kafka::restartOptions)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("withDataDir");
        }
    }
}
