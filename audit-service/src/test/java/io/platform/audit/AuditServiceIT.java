package io.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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
        PlatformInfrastructure.issuer(registry);
        AuditDatabase.asRuntimeRole(registry, "audit");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate runtimeRole;

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

    @Test
    void pagesWithACursorAndFiltersByTeamActorTypeTimeAndRequest() {
        // Given seven events of one namespace, a minute apart, from two actors
        String namespace = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        NamespaceSpec spec = NamespaceSpec.newBuilder().setName(namespace).setTeam("search").setEnvironment("staging")
                .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String requestId = "req-" + namespace + "-" + i;
            requestIds.add(requestId);
            String actor = i % 2 == 0 ? "team-search" : "ci-bot";
            Instant at = start.plus(i, ChronoUnit.MINUTES);
            if (i % 3 == 0) {
                EventProbe.publish(Topics.NAMESPACE_REQUESTS, namespace, NamespaceRequested.newBuilder()
                        .setEnvelope(EventEnvelopes.create(requestId, actor, "gateway-service", at)).setSpec(spec).build());
            } else {
                EventProbe.publish(Topics.NAMESPACE_EVENTS, namespace, NamespaceReady.newBuilder()
                        .setEnvelope(EventEnvelopes.derived(requestId, "ready", actor, "provisioning-service", at))
                        .setSpec(spec).build());
            }
        }
        String analyst = TestIssuer.token("analyst");
        await("seven events of " + namespace).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/audit/events?namespace=" + namespace, analyst).getBody().path("count").asInt() == 7);

        // When the namespace's trail is read three at a time
        List<String> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/audit/events?namespace=" + namespace + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), analyst).getBody();
            pageSizes.add(page.path("count").asInt());
            page.path("items").forEach(item -> paged.add(item.path("requestId").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);

        // Then the pages are contiguous, in the order the events happened, and the last has no cursor
        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(paged).containsExactlyElementsOf(requestIds);

        // and every filter narrows the trail
        assertThat(requestIdsOf("team=search&namespace=" + namespace, analyst)).containsExactlyElementsOf(requestIds);
        assertThat(requestIdsOf("team=payments&namespace=" + namespace, analyst)).isEmpty();
        assertThat(requestIdsOf("actor=ci-bot&namespace=" + namespace, analyst))
                .containsExactly(requestIds.get(1), requestIds.get(3), requestIds.get(5));
        assertThat(requestIdsOf("type=NamespaceRequested&namespace=" + namespace, analyst))
                .containsExactly(requestIds.get(0), requestIds.get(3), requestIds.get(6));
        assertThat(requestIdsOf("namespace=" + namespace + "&from=" + start.plus(2, ChronoUnit.MINUTES)
                + "&to=" + start.plus(4, ChronoUnit.MINUTES), analyst)).containsExactly(requestIds.get(2), requestIds.get(3));
        assertThat(requestIdsOf("requestId=" + requestIds.get(4), analyst)).containsExactly(requestIds.get(4));

        // and the export holds the same events as JSON Lines
        ResponseEntity<String> export = RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/audit/events/export?namespace=" + namespace)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + analyst)
                .retrieve().toEntity(String.class);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("application/jsonl");
        List<String> lines = export.getBody().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines).extracting(line -> tools.jackson.databind.json.JsonMapper.shared().readTree(line)
                .path("requestId").asString()).containsExactlyElementsOf(requestIds);
    }

    @Test
    void theRuntimeRoleCanNeitherChangeNorDeleteAuditRows() {
        publishOneEvent();
        await("some audit row").atMost(Duration.ofSeconds(30)).until(() ->
                runtimeRole.queryForObject("select count(*) from audit_event", Long.class) > 0);

        assertThat(runtimeRole.queryForObject("select current_user", String.class)).isEqualTo("audit_writer");
        assertThatThrownBy(() -> runtimeRole.update("update audit_event set actor = 'someone-else'"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> runtimeRole.update("delete from audit_event"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> runtimeRole.execute("truncate audit_event"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> runtimeRole.update("delete from audit_chain_anchor"))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void verifiesTheChainsItWrote() {
        publishOneEvent();
        await("some audit row").atMost(Duration.ofSeconds(30)).until(() ->
                runtimeRole.queryForObject("select count(*) from audit_event", Long.class) > 0);

        JsonNode verification = get("/api/v1/audit/verify", TestIssuer.token("analyst")).getBody();

        assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("rows").asLong()).isPositive();
        assertThat(verification.path("firstBroken").isNull()).isTrue();
        assertThat(get("/api/v1/audit/verify", TestIssuer.token("team-payments")).getStatusCode().value()).isEqualTo(403);
    }

    private static void publishOneEvent() {
        String namespace = "one-" + UUID.randomUUID().toString().substring(0, 8);
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, namespace, NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "team-data", "gateway-service", Instant.now()))
                .setSpec(NamespaceSpec.newBuilder().setName(namespace).setTeam("data").setEnvironment("staging")
                        .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build())
                .build());
    }

    private List<String> requestIdsOf(String query, String token) {
        List<String> ids = new ArrayList<>();
        get("/api/v1/audit/events?" + query, token).getBody().path("items").forEach(item -> ids.add(item.path("requestId").asString()));
        return ids;
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
