package io.platform.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.gateway.GatewayApplication;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.Topics;
import io.platform.test.TestIssuer;
import io.platform.test.TestPostgres;
import io.platform.test.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against a broker of its own (not the JVM's shared one, because this test stops it) and a database of
 * its own: an Idempotency-Key still answers with the first request after the gateway was stopped and started again,
 * and with the broker really stopped a request is answered 503 with Retry-After within 5 s and leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRestartAndBrokerOutageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "min.insync.replicas", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        broker.destroy();
    }

    private static ConfigurableApplicationContext startGateway(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("platform.kafka.registry-url", TestRegistry.url());
        properties.put("spring.datasource.url", TestPostgres.jdbcUrl("gateway_restart"));
        properties.put("spring.datasource.username", TestPostgres.USER);
        properties.put("spring.datasource.password", TestPostgres.PASSWORD);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.issuerUri());
        // as command-line arguments: they win over application.yml, like the environment of a deployment
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        CatalogReplica catalog = context.getBean(CatalogReplica.class);
        if (catalog.tier("small").isEmpty()) {
            publishCatalog(context.getBean(EventPublisher.class));
        }
        await("catalog replica loaded").atMost(Duration.ofSeconds(30)).until(() -> catalog.tier("small").isPresent());
        return context;
    }

    private static void publishCatalog(EventPublisher publisher) {
        Instant now = Instant.now();
        publisher.publish(Topics.CATALOG, "tier:small", TierDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                .setName("small").setDescription("small tier").setCpu("2").setMemory("4Gi").setStorage("20Gi")
                .setPods(10).setServices(5).setPersistentVolumeClaims(10).setMonthlyCostCents(10_000)
                .setDefaultCpuRequest("100m").setDefaultCpuLimit("500m").setDefaultMemoryRequest("128Mi")
                .setDefaultMemoryLimit("512Mi").build());
        publisher.publish(Topics.CATALOG, "feature:monitoring", FeatureDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                .setName("monitoring").setDescription("Prometheus scraping")
                .setLabels(Map.of("platform.io/monitoring", "enabled")).setAnnotations(Map.of()).build());
    }

    private static int port() {
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    private record Answer(int status, HttpResponse<String> response, JsonNode body) {
    }

    private static Answer post(String name, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/v1/namespaces"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestIssuer.token("team-payments"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "%s", "team": "payments", "environment": "development", "tier": "small",
                         "networkPolicy": "isolated", "features": ["monitoring"]}""".formatted(name)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response, JSON.readTree(response.body()));
    }

    private static int get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                        .header("Authorization", "Bearer " + TestIssuer.token("team-payments")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every NamespaceRequested of the request on the dedicated broker. */
    private static List<NamespaceRequested> published(String requestId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(EventSerdes.config(RegistrySettings.forRoot(TestRegistry.url())));
        List<NamespaceRequested> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                EventSerdes.<SpecificRecord>valueDeserializer(RegistrySettings.forRoot(TestRegistry.url())))) {
            consumer.subscribe(List.of(Topics.NAMESPACE_REQUESTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof NamespaceRequested requested
                            && requested.getEnvelope().getRequestId().equals(requestId)) {
                        found.add(requested);
                    }
                }
            }
        }
        return found;
    }

    @Test
    @Order(1)
    void answersARetryAfterAGatewayRestartWithTheFirstRequestAndPublishesNothingNew() throws Exception {
        // Given a request accepted with an Idempotency-Key
        gateway = startGateway(broker.getBrokersAsString());
        String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        Answer first = post(name, key);
        assertThat(first.status()).isEqualTo(202);
        String requestId = first.body().path("requestId").asString();

        // When the gateway is stopped and started again, and the client retries
        gateway.close();
        gateway = startGateway(broker.getBrokersAsString());
        Answer retry = post(name, key);

        // Then it gets the first request back, and the request topic holds it once
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body().path("requestId").asString()).isEqualTo(requestId);
        assertThat(retry.response().headers().firstValue("Location")).contains("/api/v1/requests/" + requestId);
        assertThat(published(requestId)).hasSize(1);
    }

    @Test
    @Order(2)
    void answers503WithRetryAfterWithinFiveSecondsWhileTheBrokerIsDownAndKeepsNothing() throws Exception {
        // Given the broker is really stopped
        if (gateway == null) {
            gateway = startGateway(broker.getBrokersAsString());
        }
        broker.destroy();

        for (int attempt = 0; attempt < 2; attempt++) {
            // When a namespace is requested
            String name = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            String key = UUID.randomUUID().toString();
            long started = System.nanoTime();
            Answer answer = post(name, key);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // Then it is refused in time as retryable, and nothing of it is stored
            assertThat(answer.status()).isEqualTo(503);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(answer.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body().path("type").asString()).isEqualTo("https://platform.io/problems/unavailable");
            assertThat(answer.body().path("correlationId").asString()).isNotBlank();
            String requestId = UUID.nameUUIDFromBytes(("gateway-service/idempotency/team-payments/" + key)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(get("/api/v1/requests/" + requestId)).isEqualTo(404);
            assertThat(get("/api/v1/namespaces/" + name)).isEqualTo(404);
        }
    }
}
