package io.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditServiceIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "audit");
        PlatformInfrastructure.issuer(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void storesEveryEventOfANamespaceExactlyOnceInTheOrderItHappened() {
        // Given a request and its outcome, the outcome delivered twice, a dead letter and a poison pill
        String namespace = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        Instant requestedAt = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        NamespaceSpec spec = NamespaceSpec.newBuilder().setName(namespace).setTeam("payments").setEnvironment("staging")
                .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build();
        Envelope requestEnvelope = EventEnvelopes.create(requestId, "team-payments", "gateway-service", requestedAt);
        Envelope readyEnvelope = EventEnvelopes.derived(requestId, "ready", "team-payments", "provisioning-service",
                requestedAt.plusSeconds(30));
        NamespaceReady ready = NamespaceReady.newBuilder().setEnvelope(readyEnvelope).setSpec(spec).build();

        // When they are published
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, namespace,
                NamespaceRequested.newBuilder().setEnvelope(requestEnvelope).setSpec(spec).build());
        EventProbe.publish(Topics.NAMESPACE_EVENTS, namespace, ready);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, namespace, ready);
        EventProbe.publishRaw(Topics.NAMESPACE_EVENTS.deadLetterTopic(), namespace,
                "left here by another consumer".getBytes(StandardCharsets.UTF_8));
        EventProbe.publishRaw(Topics.NAMESPACE_EVENTS.name(), namespace, "not avro at all".getBytes(StandardCharsets.UTF_8));

        // Then the namespace's trail holds each exactly once, oldest first; the poison pill came back via the DLT
        List<JsonNode> items = new ArrayList<>();
        await("four audited events of " + namespace).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode body = get("/api/v1/audit/events?namespace=" + namespace, TestIssuer.token("analyst")).getBody();
                    assertThat(body.path("count").asInt()).isEqualTo(4);
                    items.clear();
                    body.path("items").forEach(items::add);
                });
        assertThat(items).extracting(item -> item.path("type").asString()).containsExactly(
                "io.platform.events.namespace.NamespaceRequested", "io.platform.events.namespace.NamespaceReady",
                "dead-letter", "dead-letter");
        assertThat(items).extracting(item -> item.path("eventId").asString()).doesNotHaveDuplicates()
                .startsWith(requestEnvelope.getEventId(), readyEnvelope.getEventId());
        assertThat(items).extracting(item -> item.path("outcome").asString())
                .containsExactly("ok", "ok", "dead-letter", "dead-letter");

        JsonNode readyItem = items.get(1);
        assertThat(readyItem.path("requestId").asString()).isEqualTo(requestId);
        assertThat(readyItem.path("actor").asString()).isEqualTo("team-payments");
        assertThat(readyItem.path("source").asString()).isEqualTo("provisioning-service");
        assertThat(Instant.parse(readyItem.path("occurredAt").asString())).isEqualTo(readyEnvelope.getOccurredAt());
        assertThat(readyItem.at("/payload/spec/name").asString()).isEqualTo(namespace);
        assertThat(readyItem.at("/payload/envelope/occurredAt").asString()).isEqualTo(readyEnvelope.getOccurredAt().toString());

        JsonNode poisonPill = items.get(3);
        assertThat(poisonPill.path("topic").asString()).isEqualTo(Topics.NAMESPACE_EVENTS.deadLetterTopic());
        assertThat(poisonPill.at("/payload/deadLetter/originalTopic").asString()).isEqualTo(Topics.NAMESPACE_EVENTS.name());
        assertThat(poisonPill.at("/payload/deadLetter/consumerGroup").asString()).isEqualTo("audit-service");
        assertThat(poisonPill.at("/payload/deadLetter/exceptionClass").asString()).contains("DeserializationException");
        assertThat(poisonPill.at("/payload/valueBase64").asString()).isEqualTo(
                java.util.Base64.getEncoder().encodeToString("not avro at all".getBytes(StandardCharsets.UTF_8)));

        // and the other filters narrow the same trail
        JsonNode byRequest = get("/api/v1/audit/events?requestId=" + requestId, TestIssuer.token("analyst")).getBody();
        assertThat(byRequest.path("count").asInt()).isEqualTo(2);
        JsonNode byType = get("/api/v1/audit/events?namespace=" + namespace + "&type=NamespaceReady&limit=10",
                TestIssuer.token("analyst")).getBody();
        assertThat(byType.path("items")).extracting(item -> item.path("eventId").asString())
                .containsExactly(readyEnvelope.getEventId());
    }

    @Test
    void answersOnlyCallersWithTheAuditRole() {
        ResponseEntity<JsonNode> teamMember = get("/api/v1/audit/events?namespace=anything", TestIssuer.token("team-payments"));
        ResponseEntity<JsonNode> anonymous = get("/api/v1/audit/events?namespace=anything", null);

        assertThat(teamMember.getStatusCode().value()).isEqualTo(403);
        assertThat(teamMember.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesInvalidSearchParametersNamingTheField() {
        ResponseEntity<JsonNode> tooMany = get("/api/v1/audit/events?limit=5000", TestIssuer.token("analyst"));
        ResponseEntity<JsonNode> notANumber = get("/api/v1/audit/events?limit=many", TestIssuer.token("analyst"));

        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooMany.getBody().at("/errors/0/field").asString()).isEqualTo("limit");
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
        assertThat(notANumber.getBody().at("/errors/0/field").asString()).as(notANumber.getBody().toString()).isEqualTo("limit");
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toEntity(JsonNode.class);
    }
}
