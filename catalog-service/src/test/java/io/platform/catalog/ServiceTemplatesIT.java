package io.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.catalog.TemplateDefined;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class ServiceTemplatesIT extends CatalogIntegrationTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> template(String name, String version) {
        Map<String, Object> template = new java.util.LinkedHashMap<>();
        template.put("name", name);
        template.put("version", version);
        template.put("description", "An echo server for tests");
        template.put("owner", "team-qa");
        template.put("tags", List.of("test", "echo"));
        template.put("environments", List.of("development"));
        template.put("tiers", List.of());
        template.put("parameterSchema", Map.of("type", "object", "additionalProperties", false,
                "properties", Map.of("message", Map.of("type", "string", "maxLength", 64, "default", "hello"))));
        template.put("manifests", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{instance}}
                data:
                  message: {{message}}
                """);
        template.put("resources", Map.of("cpu", "100m", "memory", "64Mi", "storage", "0"));
        template.put("monthlyCost", Map.of("amount", 1.50, "currency", "USD"));
        return template;
    }

    @Test
    void listsTheBuiltInTemplatesAndSearchesByTagTierAndEnvironment() {
        List<Map<String, Object>> all = as("team-search").get().uri("/api/v1/catalog/templates").retrieve().body(LIST);
        List<Map<String, Object>> databases = as("team-search").get().uri("/api/v1/catalog/templates?tag=database").retrieve().body(LIST);
        List<Map<String, Object>> micro = as("team-search").get().uri("/api/v1/catalog/templates?tier=micro&environment=production")
                .retrieve().body(LIST);

        assertThat(all).extracting(t -> t.get("name")).contains("cron-job", "postgresql", "redis", "web-app");
        assertThat(databases).extracting(t -> t.get("name")).containsExactly("postgresql");
        assertThat(micro).extracting(t -> t.get("name")).contains("web-app", "redis", "cron-job").doesNotContain("postgresql");
        Map<String, Object> postgres = databases.get(0);
        assertThat(postgres).containsEntry("version", "1.0.0").containsEntry("deprecated", false)
                .containsEntry("resources", Map.of("cpu", "500m", "memory", "1Gi", "storage", "10Gi"))
                .containsEntry("monthlyCost", Map.of("amount", 60.0, "currency", "USD"));
    }

    @Test
    void oneVersionCarriesItsParameterSchemaAndManifests() {
        ResponseEntity<Map<String, Object>> response = as("team-data").get().uri("/api/v1/catalog/templates/redis/versions/1.0.0")
                .retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> missing = as("team-data").get().uri("/api/v1/catalog/templates/redis/versions/9.9.9")
                .retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get("parameterSchema")).asString().contains("evictionPolicy");
        assertThat(response.getBody().get("manifests")).asString().contains("kind: Deployment", "platform.io/generate-keys");
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getBody()).containsEntry("type", "https://platform.io/problems/not-found");
    }

    @Test
    void theBuiltInTemplatesAreOnTheCatalogTopic() {
        ConsumerRecord<String, TemplateDefined> redis = EventProbe.awaitRecords(Topics.CATALOG, TemplateDefined.class,
                t -> t.getName().equals("redis"), Duration.ofSeconds(30)).get(0);

        assertThat(redis.key()).isEqualTo("template:redis@1.0.0");
        assertThat(redis.value().getMonthlyCostCents()).isEqualTo(1500L);
        assertThat(redis.value().getManifests()).contains("{{instance}}");
        assertThat(CloudEventHeaders.read(redis.headers(), CloudEventHeaders.ID)).isEqualTo(redis.value().getEnvelope().getEventId());
    }

    @Test
    void publishesANewVersionOnceAndRefusesTheSameVersionAgain() {
        String name = "echo-" + UUID.randomUUID().toString().substring(0, 6);

        ResponseEntity<Map<String, Object>> created = as("catalog-admin").post().uri("/api/v1/catalog/templates")
                .contentType(MediaType.APPLICATION_JSON).body(template(name, "1.0.0")).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> again = as("catalog-admin").post().uri("/api/v1/catalog/templates")
                .contentType(MediaType.APPLICATION_JSON).body(template(name, "1.0.0")).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> byTeam = as("team-payments").post().uri("/api/v1/catalog/templates")
                .contentType(MediaType.APPLICATION_JSON).body(template(name, "1.1.0")).retrieve().toEntity(MAP);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/catalog/templates/" + name + "/versions/1.0.0");
        assertThat(created.getBody()).containsEntry("publishedBy", "catalog-admin").containsEntry("revision", 1);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", "https://platform.io/problems/conflict");
        assertThat(byTeam.getStatusCode().value()).isEqualTo(403);
        TemplateDefined defined = EventProbe.awaitEvent(Topics.CATALOG, TemplateDefined.class, t -> t.getName().equals(name));
        assertThat(defined.getVersion()).isEqualTo("1.0.0");
        assertThat(defined.getEnvironments()).containsExactly("development");
        assertThat(defined.getMonthlyCostCents()).isEqualTo(150L);
        assertThat(defined.getEnvelope().getActor()).isEqualTo("catalog-service");
    }

    @Test
    void anInvalidTemplateIsRefusedWithAnErrorForEachField() {
        Map<String, Object> bad = new java.util.HashMap<>(template("Bad_Name", "1.0"));
        bad.put("tiers", List.of("gigantic"));
        bad.put("parameterSchema", Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integr"))));
        bad.put("manifests", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{instance}}}\ndata: {n: {{m}}}\n");
        bad.put("resources", Map.of("cpu", "a lot"));

        ResponseEntity<Map<String, Object>> response = as("catalog-admin").post().uri("/api/v1/catalog/templates")
                .contentType(MediaType.APPLICATION_JSON).body(bad).retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errorFields(response.getBody())).contains("name", "version", "tiers[0]", "parameterSchema.properties.n.type", "resources.cpu");
    }

    @Test
    void deprecationRepublishesTheVersionUnderANewEventIdAndIsIdempotent() {
        String name = "echo-" + UUID.randomUUID().toString().substring(0, 6);
        as("catalog-admin").post().uri("/api/v1/catalog/templates").contentType(MediaType.APPLICATION_JSON)
                .body(template(name, "1.0.0")).retrieve().toBodilessEntity();

        ResponseEntity<Map<String, Object>> deprecated = as("catalog-admin").post()
                .uri("/api/v1/catalog/templates/" + name + "/versions/1.0.0/deprecate")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("note", "use 2.x")).retrieve().toEntity(MAP);
        as("catalog-admin").post().uri("/api/v1/catalog/templates/" + name + "/versions/1.0.0/deprecate").retrieve().toBodilessEntity();

        assertThat(deprecated.getBody()).containsEntry("deprecated", true).containsEntry("revision", 2)
                .containsEntry("deprecationNote", "use 2.x");
        List<ConsumerRecord<String, TemplateDefined>> records = EventProbe.awaitRecords(Topics.CATALOG, TemplateDefined.class,
                t -> t.getName().equals(name) && t.getDeprecated(), Duration.ofSeconds(20));
        List<ConsumerRecord<String, TemplateDefined>> all = EventProbe.read(Topics.CATALOG, TemplateDefined.class,
                t -> t.getName().equals(name));
        assertThat(records).hasSize(1);
        assertThat(all).extracting(r -> r.value().getEnvelope().getEventId()).doesNotHaveDuplicates().hasSize(2);
        assertThat(as("team-data").get().uri("/api/v1/catalog/templates?name=" + name).retrieve().body(LIST)).isEmpty();
        assertThat(as("team-data").get().uri("/api/v1/catalog/templates?includeDeprecated=true&name=" + name).retrieve().body(LIST))
                .hasSize(1);
    }

    @Test
    void aPublishedVersionCannotBeAlteredEvenInTheDatabase() {
        assertThatThrownBy(() -> jdbc.sql("update template_version set manifests = 'x' where name = 'redis'").update())
                .hasMessageContaining("is immutable");
    }
}
