package io.sandboxpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** One shared broker for the class; every test uses its own topic and group names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(15);

    private EmbeddedKafka kafka;

    @BeforeAll
    void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldServeOneNodeOnALoopbackBootstrapAddress() throws Exception {
        Collection<Node> nodes = kafka.admin().describeCluster().nodes().get();

        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.host()).isEqualTo("127.0.0.1");
            assertThat(node.host() + ":" + node.port()).isEqualTo(kafka.bootstrapServers());
        });
    }

    @Test
    void shouldDeliverAProducedRecordToAConsumer(TestInfo test) throws Exception {
        String topic = uniqueName(test);
        kafka.createTopics(1, topic);

        try (KafkaProducer<String, String> producer = Clients.producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "flow-1", "malicious")).get();
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka, topic + "-group", "read_uncommitted")) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 1, RECEIVE_TIMEOUT);

            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("flow-1");
                assertThat(record.value()).isEqualTo("malicious");
            });
        }
    }

    @Test
    void shouldHideAbortedTransactionsFromReadCommittedConsumers(TestInfo test) {
        String topic = uniqueName(test);
        kafka.createTopics(1, topic);

        try (KafkaProducer<String, String> producer = Clients.transactionalProducer(kafka, topic + "-tx")) {
            producer.initTransactions();
            sendInTransaction(producer, new ProducerRecord<>(topic, "k", "committed-1"), true);
            sendInTransaction(producer, new ProducerRecord<>(topic, "k", "aborted"), false);
            sendInTransaction(producer, new ProducerRecord<>(topic, "k", "committed-2"), true);
        }

        assertThat(valuesReadWith("read_committed", topic, 2)).containsExactly("committed-1", "committed-2");
        assertThat(valuesReadWith("read_uncommitted", topic, 3))
                .as("the aborted record was written, so hiding it is the transaction coordinator's work")
                .containsExactly("committed-1", "aborted", "committed-2");
    }

    @Test
    void shouldCommitConsumedOffsetsInsideATransaction(TestInfo test) throws Exception {
        // given: the consume-transform-produce loop that Kafka Streams' exactly-once uses
        String input = uniqueName(test) + "-in";
        String output = uniqueName(test) + "-out";
        String group = uniqueName(test) + "-group";
        kafka.createTopics(1, input, output);
        try (KafkaProducer<String, String> producer = Clients.producer(kafka)) {
            producer.send(new ProducerRecord<>(input, "flow-7", "report")).get();
        }

        // when
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka, group, "read_committed");
             KafkaProducer<String, String> producer = Clients.transactionalProducer(kafka, group + "-tx")) {
            consumer.subscribe(List.of(input));
            ConsumerRecord<String, String> record = Clients.pollUntil(consumer, 1, RECEIVE_TIMEOUT).get(0);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(output, record.key(), "verdict-for-" + record.value()));
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(input, record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    consumer.groupMetadata());
            producer.commitTransaction();
        }

        // then
        Map<TopicPartition, OffsetAndMetadata> committed =
                kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        assertThat(committed.get(new TopicPartition(input, 0)).offset()).isEqualTo(1);
        assertThat(valuesReadWith("read_committed", output, 1)).containsExactly("verdict-for-report");
    }

    @Test
    void shouldAcceptCreatingTopicsThatAlreadyExist(TestInfo test) throws Exception {
        String first = uniqueName(test) + "-a";
        String second = uniqueName(test) + "-b";
        kafka.createTopics(2, first);

        kafka.createTopics(3, first, second);

        Map<String, TopicDescription> topics = kafka.admin().describeTopics(List.of(first, second))
                .allTopicNames().get();
        assertThat(topics.get(first).partitions()).as("an existing topic is left as it was").hasSize(2);
        assertThat(topics.get(second).partitions()).hasSize(3)
                .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
    }

    @Test
    void shouldCreateATopicWithItsConfigs(TestInfo test) throws Exception {
        String topic = uniqueName(test);

        kafka.createTopic(topic, 4, Map.of("cleanup.policy", "compact", "retention.ms", "3600000"));

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                .hasSize(4);
    }

    @Test
    void shouldNotAutoCreateTopics(TestInfo test) throws Exception {
        String topic = uniqueName(test);
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka, topic + "-group", "read_committed")) {
            consumer.subscribe(List.of(topic));
            Clients.pollUntil(consumer, 1, Duration.ofMillis(500));
        }

        assertThatThrownBy(() -> kafka.admin().describeTopics(List.of(topic)).allTopicNames().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void shouldListenOnLoopbackOnly() throws IOException {
        for (int port : kafka.listenerPorts()) {
            assertThat(ListeningSockets.localAddressesListeningOn(port))
                    .as("sockets listening on port %d (broker or controller)", port)
                    .isNotEmpty()
                    .allMatch(ListeningSockets::isLoopback, "is 127.0.0.1 or ::1");
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> connect(address, port))
                        .as("connecting to %s:%d", address, port)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    private List<String> valuesReadWith(String isolationLevel, String topic, int count) {
        String group = topic + "-" + isolationLevel;
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka, group, isolationLevel)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, count, RECEIVE_TIMEOUT);
            // one more short poll: anything beyond count would show up here
            Clients.pollUntil(consumer, 1, Duration.ofMillis(300)).forEach(received::add);
            return received.stream().map(ConsumerRecord::value).toList();
        }
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer,
                                          ProducerRecord<String, String> record, boolean commit) {
        producer.beginTransaction();
        producer.send(record);
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
        }
    }

    private static Set<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(EmbeddedKafkaTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress())
                .collect(Collectors.toSet());
    }

    private static String uniqueName(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
