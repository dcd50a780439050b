package io.sandboxpipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sandboxpipeline.schemas.EnrichedVerdict;
import io.sandboxpipeline.schemas.FileArrival;
import io.sandboxpipeline.schemas.Tag;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private final MockSchemaRegistry backing = new MockSchemaRegistry();
    private final SchemaRegistryServer server = SchemaRegistryServer.start(backing);
    private final String url = server.url().toString();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldRegisterIdempotentlyAndFetchByIdOverHttp() {
        // given
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, null);

        // when
        int id = client.register("arrivals-value", FileArrival.getClassSchema());
        int again = client.register("arrivals-value", FileArrival.getClassSchema());
        int fromAnotherClient = new RestSchemaRegistryClient(url, null).register("arrivals-value", FileArrival.getClassSchema());

        // then
        assertThat(again).isEqualTo(id);
        assertThat(fromAnotherClient).isEqualTo(id);
        assertThat(backing.versions("arrivals-value")).containsExactly(1);
        assertThat(new RestSchemaRegistryClient(url, null).schemaById(id)).isEqualTo(FileArrival.getClassSchema());
        assertThat(new RestSchemaRegistryClient(url, null).idOf("arrivals-value", FileArrival.getClassSchema())).isEqualTo(id);
    }

    @Test
    void shouldGiveTheSameIdToTheSameSchemaUnderAnotherSubject() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, null);

        int asValue = client.register("tags-value", Tag.getClassSchema());
        int asKey = client.register("tags key/with odd+chars", Tag.getClassSchema());

        assertThat(asKey).isEqualTo(asValue);
        assertThat(backing.subjects()).containsExactly("tags-value", "tags key/with odd+chars");
    }

    @Test
    void shouldReportAnUnknownIdWithTheRegistrysAnswer() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, null);

        assertThatThrownBy(() -> client.schemaById(42))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown schema id 42: Schema registry " + url
                        + " answered 404 (error_code 40403) to GET /schemas/ids/42: Schema 42 not found");
    }

    @Test
    void shouldReportAnUnregisteredSchemaOnLookup() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, null);

        assertThatThrownBy(() -> client.idOf("nowhere-value", Tag.getClassSchema()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Schema registry " + url
                        + " answered 404 (error_code 40401) to POST /subjects/nowhere-value: Subject 'nowhere-value' not found.");
    }

    @Test
    void shouldUseTheFirstRegistryThatAnswers() throws IOException {
        String unreachable = "http://127.0.0.1:" + freePort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(unreachable + "," + url, null);

        int id = client.register("arrivals-value", FileArrival.getClassSchema());

        assertThat(backing.schemaById(id)).isEqualTo(FileArrival.getClassSchema());
    }

    @Test
    void shouldSayWhichRegistriesWereTriedWhenNoneAnswers() throws IOException {
        String unreachable = "http://127.0.0.1:" + freePort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(unreachable, null);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("No schema registry answered GET /schemas/ids/1 (tried [" + unreachable + "])");
    }

    @Test
    void shouldSendBasicAuthButNeverShowThePassword() throws IOException {
        // given a registry that records the Authorization header and refuses the request
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusing.start();
        String refusingUrl = "http://127.0.0.1:" + refusing.getAddress().getPort();
        try {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(refusingUrl, "alice:s3cret-pass");

            // when / then
            assertThatThrownBy(() -> client.register("arrivals-value", FileArrival.getClassSchema()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessage("Schema registry " + refusingUrl + " answered 401 (error_code 40101) to POST "
                            + "/subjects/arrivals-value/versions: Unauthorized (check basic.auth.user.info)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            assertThat(authorization.get()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("alice:s3cret-pass".getBytes(StandardCharsets.UTF_8)));
            assertThat(client.toString()).doesNotContain("s3cret").contains("basicAuth=true");
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void shouldTakeCredentialsFromTheUrlAndHideThem() {
        String withCredentials = url.replace("http://", "http://bob:hunter2@");
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(withCredentials, null);

        assertThat(client.register("arrivals-value", FileArrival.getClassSchema())).isPositive();
        assertThat(client.baseUrls()).hasToString("[" + url + "]");
        assertThatThrownBy(() -> client.schemaById(99))
                .isInstanceOf(SerializationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void shouldRoundTripThroughTheSerdeOverTheRestRegistry() {
        // given a producer-side and a consumer-side serde with their own clients (and caches)
        Map<String, Object> config = Map.of(SpecificAvroSerde.SCHEMA_REGISTRY_URL_CONFIG, url);
        SpecificAvroSerde<EnrichedVerdict> producer = new SpecificAvroSerde<>(EnrichedVerdict.class);
        producer.configure(config, false);
        SpecificAvroSerde<EnrichedVerdict> consumer = new SpecificAvroSerde<>(EnrichedVerdict.class);
        consumer.configure(config, false);

        // when
        byte[] bytes = producer.serializer().serialize("verdicts", SampleRecords.enrichedVerdict());

        // then
        assertThat(consumer.deserializer().deserialize("verdicts", bytes)).isEqualTo(SampleRecords.enrichedVerdict());
        RegisteredSchema registered = backing.latest("verdicts-value").orElseThrow();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());
        assertThat(registered.schema()).isEqualTo(EnrichedVerdict.getClassSchema());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
