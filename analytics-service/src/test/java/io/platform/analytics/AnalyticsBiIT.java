package io.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import io.platform.test.TestKafka;
import io.platform.test.TestRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.platform.analytics.maintenance.RebuildCommand;
import io.platform.analytics.messaging.AnalyticsStreams;
import io.platform.test.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A namespace's life in November 2025 (30 days) published as the platform's services would, then read back as a BI
 * tool would (a plain Kafka consumer and the registry's Confluent API only) and through the HTTP API. Hand-computed
 * (small $100, medium $200, instance $30 a month; a day costs price / 30):
 * <pre>
 * 10th 11:50 requested, 12:00 ready (small)   10th: 100 × 0.5 / 30                 = 1.666667
 * 11th 00:00 instance "db" deployed ($30)     11th: 130 × 0.5 / 30 + 230 × 0.5 / 30 = 6.000000
 * 11th 12:00 tier changed to medium           12th: 200 × 0.5 / 30                 = 3.333333
 * 12th 00:00 instance deleted, 12:00 namespace deleted            November total = 11.000000
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsBiIT {

    private static final String TEAM = "bi-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String NAMESPACE = TEAM + "-api";
    private static final String ALIVE = TEAM + "-web";
    private static final String APPLICATION_ID = "analytics-bi-it-" + UUID.randomUUID();
    private static final String STATE_DIR = "target/streams-state";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "analytics_bi");
        PlatformInfrastructure.issuer(registry);
        registry.add("analytics.streams.application-id", () -> APPLICATION_ID);
        registry.add("analytics.streams.state-dir", () -> STATE_DIR);
        registry.add("analytics.streams.store-flush-interval", () -> "300ms");
        registry.add("analytics.streams.commit-interval", () -> "100ms");
    }

    @BeforeAll
    static void catalogTiers() {
        CatalogFixtures.publishTier("small", 10_000, "2", "4Gi");
        CatalogFixtures.publishTier("medium", 20_000, "4", "8Gi");
    }

    @LocalServerPort
    int port;

    @Autowired
    AnalyticsStreams streams;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void biToolsReadExactDailyAndMonthToDateCostsAndTheApiAgrees() throws Exception {
        // Given the life of a namespace, and another that is still alive
        publishLife();
        publish(Topics.NAMESPACE_EVENTS, ALIVE, NamespaceReady.newBuilder()
                .setEnvelope(envelope("alive", "ready", "2025-11-20T00:00:00Z")).setSpec(spec(ALIVE, "small")).build());

        // When a BI tool reads the compacted topics with a plain consumer and the registry's Confluent API
        Map<String, GenericRecord> teamDays = new HashMap<>();
        Map<String, GenericRecord> namespaceCosts = new HashMap<>();
        await("BI topics hold the life of " + NAMESPACE).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    teamDays.putAll(latestByKey(Topics.ANALYTICS_TEAM_COSTS_DAILY.name()));
                    namespaceCosts.putAll(latestByKey(Topics.ANALYTICS_NAMESPACE_COSTS.name()));
                    GenericRecord cost = namespaceCosts.get(NAMESPACE);
                    return cost != null && "DELETED".equals(cost.get("status").toString())
                            && teamDays.containsKey(TEAM + "|2025-11-12");
                });

        // Then the team's daily costs and the namespace's month-to-date cost are exact to the micro-dollar
        assertThat(costMicros(teamDays, "2025-11-10")).isEqualTo(1_666_667L);
        assertThat(costMicros(teamDays, "2025-11-11")).isEqualTo(6_000_000L);
        assertThat(costMicros(teamDays, "2025-11-12")).isEqualTo(3_333_333L);
        assertThat(teamDays.get(TEAM + "|2025-11-11").get("namespaces")).isEqualTo(1);
        assertThat(teamDays.get(TEAM + "|2025-11-11").get("day")).isEqualTo((int) LocalDate.parse("2025-11-11").toEpochDay());
        GenericRecord cost = namespaceCosts.get(NAMESPACE);
        assertThat(cost.get("monthToDateCostMicros")).isEqualTo(11_000_000L);
        assertThat(cost.get("month").toString()).isEqualTo("2025-11");
        assertThat(cost.get("team").toString()).isEqualTo(TEAM);
        assertThat(cost.get("tier").toString()).isEqualTo("medium");
        assertThat(cost.get("serviceInstances")).isEqualTo(0);
        assertThat(cost.get("createdAt")).isEqualTo(Instant.parse("2025-11-10T12:00:00Z").toEpochMilli());
        assertThat(cost.get("deletedAt")).isEqualTo(Instant.parse("2025-11-12T12:00:00Z").toEpochMilli());

        // and the API (from PostgreSQL) prices the same life the same, per day and for the month
        String analyst = TestIssuer.token("analyst");
        await("cost store holds " + NAMESPACE).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> itemCost(get("/api/v1/analytics/costs?window=2025-11-01,2025-12-01&aggregate=namespace", analyst),
                        NAMESPACE).compareTo(new BigDecimal("11.0000")) == 0);
        JsonNode daily = get("/api/v1/analytics/costs?window=2025-11-10,2025-11-13&aggregate=team&step=1d", analyst);
        assertThat(daily.path("steps")).hasSize(3);
        assertThat(itemCost(daily.path("steps").get(0), TEAM)).isEqualByComparingTo("1.6667");
        assertThat(itemCost(daily.path("steps").get(1), TEAM)).isEqualByComparingTo("6.0000");
        assertThat(itemCost(daily.path("steps").get(2), TEAM)).isEqualByComparingTo("3.3333");
        assertThat(itemCost(daily, TEAM)).isEqualByComparingTo("11.0000");
        String csv = RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/analytics/costs?window=2025-11-10,2025-11-13&groupBy=team&step=1d")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + analyst).header(HttpHeaders.ACCEPT, "text/csv")
                .retrieve().body(String.class);
        assertThat(csv.lines()).first().isEqualTo("from,to,aggregate,key,cost_usd,namespaces");
        assertThat(csv.lines()).contains("2025-11-11T00:00:00Z,2025-11-12T00:00:00Z,team," + TEAM + ",6.0000,1");

        // and usage shows the request, its latency, and resources the quota of the namespace still alive
        JsonNode usage = get("/api/v1/analytics/usage?window=2025-11-10,2025-11-11&step=1d", analyst);
        JsonNode tenth = usage.path("steps").get(0);
        assertThat(tenth.at("/requests/CREATE").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(tenth.at("/provisioningLatency/max").asLong()).isGreaterThanOrEqualTo(600_000L);
        await("resources of " + TEAM).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode resources = get("/api/v1/analytics/resources", analyst);
            JsonNode line = null;
            for (JsonNode item : resources.path("items")) {
                if (item.path("team").asString().equals(TEAM)) {
                    line = item;
                }
            }
            assertThat(line).as(resources.toString()).isNotNull();
            assertThat(line.path("tier").asString()).isEqualTo("small");
            assertThat(line.path("namespaces").asInt()).isEqualTo(1);
            assertThat(line.path("cpu").decimalValue()).isEqualByComparingTo("2");
            assertThat(line.path("memory").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(4L << 30));
        });
    }

    @Test
    void theRebuildCommandRecomputesTheProjectionsFromTheRetainedTopics() throws Exception {
        // Given the projections of a namespace's life
        publishLife();
        String analyst = TestIssuer.token("analyst");
        await("cost store holds " + NAMESPACE).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> itemCost(get("/api/v1/analytics/costs?window=2025-11-01,2025-12-01&aggregate=namespace", analyst),
                        NAMESPACE).compareTo(new BigDecimal("11.0000")) == 0);

        // When the service's topology is stopped, the rebuild command run, and the topology started again
        streams.stop();
        RebuildCommand.Report[] rebuilt = new RebuildCommand.Report[1];
        await("rebuild accepted once the stopped topology has left its group").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreException(IllegalStateException.class).until(() -> {
                    rebuilt[0] = RebuildCommand.rebuild(TestKafka.bootstrapServers(), APPLICATION_ID,
                            java.nio.file.Path.of(STATE_DIR), TestPostgres.jdbcUrl("analytics_bi"), TestPostgres.USER,
                            TestPostgres.PASSWORD);
                    return true;
                });
        RebuildCommand.Report report = rebuilt[0];
        long rowsAfterReset = jdbc.queryForObject("select count(*) from cost_interval", Long.class);
        streams.start();

        // Then everything was reset, and recomputed from the topics to the same figures
        assertThat(report.deletedTopics()).isNotEmpty().allMatch(topic -> topic.startsWith(APPLICATION_ID + "-"));
        assertThat(rowsAfterReset).isZero();
        await("cost store recomputed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> itemCost(get("/api/v1/analytics/costs?window=2025-11-01,2025-12-01&aggregate=namespace", analyst),
                        NAMESPACE).compareTo(new BigDecimal("11.0000")) == 0);
        assertThat(jdbc.queryForObject("select count(*) from provisioning_request where namespace = ?", Long.class, NAMESPACE))
                .isEqualTo(1);
    }

    @Test
    void aPoisonPillOnAnInputTopicGoesToItsDeadLetterTopicAndProcessingGoesOn() {
        String namespace = TEAM + "-poison";
        EventProbe.publishRaw(Topics.SERVICE_INSTANCES.name(), namespace, "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        await("dead letter of " + namespace).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> EventProbe.readRaw(Topics.SERVICE_INSTANCES.deadLetterTopic()).stream()
                        .anyMatch(record -> record.key() != null && new String(record.key()).equals(namespace)
                                && new String(record.headers().lastHeader("kafka_dlt-original-consumer-group").value())
                                .equals(APPLICATION_ID)));
        assertThat(streams.state().isRunningOrRebalancing()).isTrue();
    }

    private void publishLife() {
        publish(Topics.NAMESPACE_REQUESTS, NAMESPACE, NamespaceRequested.newBuilder()
                .setEnvelope(envelope("r1", "requested", "2025-11-10T11:50:00Z")).setSpec(spec(NAMESPACE, "small")).build());
        publish(Topics.NAMESPACE_EVENTS, NAMESPACE, NamespaceReady.newBuilder()
                .setEnvelope(envelope("r1", "ready", "2025-11-10T12:00:00Z")).setSpec(spec(NAMESPACE, "small")).build());
        publish(Topics.SERVICE_INSTANCES, NAMESPACE, ServiceInstanceDeployed.newBuilder()
                .setEnvelope(envelope("r2", "deployed", "2025-11-11T00:00:00Z")).setNamespace(NAMESPACE).setInstanceName("db")
                .setTemplate("postgres").setVersion("1.0.0").setMonthlyCostCents(3_000).build());
        publish(Topics.NAMESPACE_EVENTS, NAMESPACE, NamespaceUpdated.newBuilder()
                .setEnvelope(envelope("r3", "updated", "2025-11-11T12:00:00Z")).setSpec(spec(NAMESPACE, "medium"))
                .setChangedFields(List.of("tier")).build());
        publish(Topics.SERVICE_INSTANCES, NAMESPACE, ServiceInstanceDeleted.newBuilder()
                .setEnvelope(envelope("r4", "instance-deleted", "2025-11-12T00:00:00Z")).setNamespace(NAMESPACE)
                .setInstanceName("db").build());
        publish(Topics.NAMESPACE_EVENTS, NAMESPACE, NamespaceDeleted.newBuilder()
                .setEnvelope(envelope("r5", "deleted", "2025-11-12T12:00:00Z")).setName(NAMESPACE).setTeam(TEAM).build());
    }

    private static void publish(io.platform.schemas.topic.TopicSpec<?> topic, String key,
                                org.apache.avro.specific.SpecificRecord event) {
        EventProbe.publish(topic, key, event);
    }

    private static Envelope envelope(String request, String step, String at) {
        return EventEnvelopes.derived(TEAM + "-" + request, step, "team-" + TEAM, "provisioning-service", Instant.parse(at));
    }

    private static NamespaceSpec spec(String name, String tier) {
        return NamespaceSpec.newBuilder().setName(name).setTeam(TEAM).setEnvironment("production").setTier(tier)
                .setNetworkPolicy("isolated").setFeatures(List.of()).setCostCenter("cc-bi").build();
    }

    private static long costMicros(Map<String, GenericRecord> teamDays, String day) {
        GenericRecord record = teamDays.get(TEAM + "|" + day);
        assertThat(record).as("TeamDailyCost of " + day).isNotNull();
        return (Long) record.get("costMicros");
    }

    /**
     * What a BI tool does: read every record with byte-array deserializers, take the 4-byte schema id after the magic
     * byte, fetch the writer schema from {@code /apis/ccompat/v7/schemas/ids/{id}} and decode the rest with it.
     */
    private static Map<String, GenericRecord> latestByKey(String topic) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, GenericRecord> latest = new HashMap<>();
        Map<Integer, Schema> schemas = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(record.value());
                    assertThat(buffer.get()).as("Confluent magic byte").isEqualTo((byte) 0);
                    int id = buffer.getInt();
                    Schema schema = schemas.computeIfAbsent(id, AnalyticsBiIT::schemaById);
                    GenericRecord value = new GenericDatumReader<GenericRecord>(schema).read(null,
                            DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
                    latest.put(record.key(), value);
                }
            }
        }
        return latest;
    }

    private static Schema schemaById(int id) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(TestRegistry.url() + "/apis/ccompat/v7/schemas/ids/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Schema.Parser().parse(JsonMapper.shared().readTree(response.body()).path("schema").asString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch schema " + id, e);
        }
    }

    private static BigDecimal itemCost(JsonNode report, String key) {
        for (JsonNode item : report.path("items")) {
            if (item.path("key").asString().equals(key)) {
                return item.path("cost").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    private JsonNode get(String path, String token) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve().body(JsonNode.class);
    }
}
