package io.platform.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RequestRejected;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A namespace request from the REST call to READY, REJECTED or FAILED, with real tokens, broker and database. */
class NamespaceRequestFlowIT extends GatewayItSupport {

    private static final Duration PROJECTED = Duration.ofSeconds(30);

    private JsonNode awaitRequest(String requestId, String client, String status) {
        JsonNode[] seen = new JsonNode[1];
        await("request " + requestId + " " + status).atMost(PROJECTED).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer answer = call("GET", "/api/v1/requests/" + requestId, client, null);
            seen[0] = answer.body();
            return answer.status() == 200 && status.equals(answer.body().path("status").asString());
        });
        return seen[0];
    }

    private static NamespaceSpec spec(String name, String team) {
        return NamespaceSpec.newBuilder().setName(name).setTeam(team).setEnvironment("development").setTier("small")
                .setNetworkPolicy("isolated").setFeatures(List.of("monitoring")).setDescription("created by a test")
                .setCostCenter("cc-1").build();
    }

    @Test
    void acceptsARequestPublishesItAndFollowsItToReady() {
        // Given a team member asks for a namespace of its team
        String name = uniqueName("payments");
        Answer accepted = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"));

        // Then the request is accepted and can be followed
        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.body().path("requestId").asString();
        assertThat(accepted.body().path("name").asString()).isEqualTo(name);
        assertThat(accepted.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/requests/" + requestId);

        // And it is on the request topic, keyed by name, with the caller as actor and CloudEvents headers
        ConsumerRecord<String, NamespaceRequested> published = EventProbe.awaitRecords(Topics.NAMESPACE_REQUESTS,
                NamespaceRequested.class, event -> event.getEnvelope().getRequestId().equals(requestId), PROJECTED).get(0);
        assertThat(published.key()).isEqualTo(name);
        NamespaceRequested event = published.value();
        assertThat(event.getEnvelope().getActor()).isEqualTo("team-payments");
        assertThat(event.getEnvelope().getSource()).isEqualTo("gateway-service");
        assertThat(event.getSpec()).isEqualTo(spec(name, "payments"));
        assertThat(CloudEventHeaders.read(published.headers(), CloudEventHeaders.ID)).isEqualTo(event.getEnvelope().getEventId());
        assertThat(CloudEventHeaders.read(published.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("io.platform.events.namespace.NamespaceRequested");
        assertThat(call("GET", "/api/v1/requests/" + requestId, "team-payments", null).body().path("status").asString())
                .isEqualTo("PENDING");

        // When provisioning-service and rbac-service report their steps
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceProvisioned.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "provisioned", "team-payments", "provisioning-service", start))
                .setSpec(spec(name, "payments")).setObjects(List.of("Namespace/" + name)).build());
        awaitRequest(requestId, "team-payments", "PROVISIONING");
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, PoliciesApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "policies-applied", "team-payments", "provisioning-service",
                        start.plusSeconds(1)))
                .setName(name).setNetworkPolicy("isolated").setPodSecurityLevel("baseline")
                .setFeatures(List.of("monitoring")).setObjects(List.of()).build());
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RbacApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-applied", "team-payments", "rbac-service", start.plusSeconds(2)))
                .setName(name).setTeam("payments").setSubjectGroup("team-payments").setClusterRole("admin")
                .setRoleBinding("team-payments-admin").build());
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceReady.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "ready", "team-payments", "provisioning-service", start.plusSeconds(3)))
                .setSpec(spec(name, "payments")).build());

        // Then the request is READY with every step and when it happened
        JsonNode ready = awaitRequest(requestId, "team-payments", "READY");
        assertThat(ready.path("steps").valueStream().map(step -> step.path("step").asString()).toList())
                .containsExactly("namespace", "policies", "rbac", "ready");
        assertThat(ready.path("steps").get(0).path("occurredAt").asString()).isEqualTo(start.toString());
        assertThat(ready.path("steps").get(3).path("occurredAt").asString()).isEqualTo(start.plusSeconds(3).toString());
        Answer namespace = call("GET", "/api/v1/namespaces/" + name, "team-payments", null);
        assertThat(namespace.status()).isEqualTo(200);
        assertThat(namespace.body().path("status").asString()).isEqualTo("READY");
        assertThat(namespace.body().path("spec").path("tier").asString()).isEqualTo("small");
    }

    @Test
    void refusesAnInvalidRequestWithEveryViolationAsProblemJson() {
        Answer refused = call("POST", "/api/v1/namespaces", "team-payments", body("Payments_API", "payments", "gigantic"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asString()).isEqualTo("https://platform.io/problems/validation");
        assertThat(refused.body().path("errors").valueStream()
                .map(error -> error.path("field").asString() + ":" + error.path("code").asString()).toList())
                .contains("name:pattern", "tier:unknown-tier");
        assertThat(refused.body().path("correlationId").asString()).isNotBlank();
    }

    @Test
    void refusesATakenNameUntilTheRequestHoldingItIsRejected() {
        // Given a pending request holds the name
        String name = uniqueName("payments");
        Answer first = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"));
        String requestId = first.body().path("requestId").asString();

        // When another request asks for it, then it is refused
        Answer taken = call("POST", "/api/v1/namespaces", "platform-admin", body(name, "payments", "small"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("type").asString()).isEqualTo("https://platform.io/problems/conflict");
        assertThat(taken.body().path("namespace").asString()).isEqualTo("/api/v1/namespaces/" + name);
        assertThat(taken.body().path("request").asString()).isEqualTo("/api/v1/requests/" + requestId);

        // When provisioning-service rejects the first request
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RequestRejected.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rejected", "team-payments", "provisioning-service", Instant.now()))
                .setName(name).setRequestType("io.platform.events.namespace.NamespaceRequested")
                .setViolations(List.of(new FieldViolation("name", "taken", "the name is owned by a namespace outside the platform")))
                .build());

        // Then it is REJECTED with its violations and the name is free again
        JsonNode rejected = awaitRequest(requestId, "team-payments", "REJECTED");
        assertThat(rejected.path("violations").get(0).path("code").asString()).isEqualTo("taken");
        assertThat(call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small")).status())
                .isEqualTo(202);
    }

    @Test
    void refusesANamespaceForAnotherTeamAndCallsWithoutAToken() {
        Answer otherTeam = call("POST", "/api/v1/namespaces", "team-search", body(uniqueName("payments"), "payments", "small"));
        assertThat(otherTeam.status()).isEqualTo(403);
        assertThat(otherTeam.body().path("type").asString()).isEqualTo("https://platform.io/problems/forbidden");

        Answer noRole = call("POST", "/api/v1/namespaces", "analyst", body(uniqueName("payments"), "payments", "small"));
        assertThat(noRole.status()).isEqualTo(403);

        Answer anonymous = call("POST", "/api/v1/namespaces", null, body(uniqueName("payments"), "payments", "small"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("type").asString()).isEqualTo("https://platform.io/problems/unauthorized");
    }

    @Test
    void answersARetryWithTheSameIdempotencyKeyWithTheSameRequestPublishedOnce() {
        String name = uniqueName("payments");
        String key = UUID.randomUUID().toString();

        Answer first = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"), "Idempotency-Key", key);
        Answer retry = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        String requestId = first.body().path("requestId").asString();
        assertThat(retry.body().path("requestId").asString()).isEqualTo(requestId);
        assertThat(EventProbe.awaitRecords(Topics.NAMESPACE_REQUESTS, NamespaceRequested.class,
                event -> event.getEnvelope().getRequestId().equals(requestId), PROJECTED)).hasSize(1);
    }

    @Test
    void followsARequestAnotherSystemPublishedToItsFailure() {
        // Given another system publishes a request straight to the request topic
        String name = uniqueName("data");
        String requestId = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "svc-data-pipeline", "data-pipeline", Instant.now()))
                .setSpec(spec(name, "data")).build());

        // Then the gateway shows it as PENDING, to the team and to admins
        JsonNode pending = awaitRequest(requestId, "team-data", "PENDING");
        assertThat(pending.path("source").asString()).isEqualTo("data-pipeline");
        assertThat(pending.path("actor").asString()).isEqualTo("svc-data-pipeline");
        assertThat(call("GET", "/api/v1/requests/" + requestId, "team-payments", null).status()).isEqualTo(404);

        // When RBAC fails and provisioning-service fails the request
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceProvisioned.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "provisioned", "svc-data-pipeline", "provisioning-service", at))
                .setSpec(spec(name, "data")).setObjects(List.of("Namespace/" + name)).build());
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-failed", "svc-data-pipeline", "rbac-service", at.plusSeconds(1)))
                .setName(name).setReason("ClusterRole admin not found").setRetryable(false).build());
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceProvisioningFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "failed", "svc-data-pipeline", "provisioning-service", at.plusSeconds(2)))
                .setName(name).setStep("rbac").setReason("ClusterRole admin not found").setRetryable(false).build());

        // Then it is FAILED at the rbac step with the reason, and the name is free again
        JsonNode failed = awaitRequest(requestId, "platform-admin", "FAILED");
        assertThat(failed.path("failure").path("step").asString()).isEqualTo("rbac");
        assertThat(failed.path("failure").path("reason").asString()).isEqualTo("ClusterRole admin not found");
        assertThat(failed.path("steps").valueStream()
                .map(step -> step.path("step").asString() + ":" + step.path("outcome").asString()).toList())
                .containsExactly("namespace:COMPLETED", "rbac:FAILED");
        assertThat(call("GET", "/api/v1/namespaces/" + name, "team-data", null).body().path("status").asString())
                .isEqualTo("FAILED");
        assertThat(call("POST", "/api/v1/namespaces", "team-data", body(name, "data", "small")).status()).isEqualTo(202);
    }

    @Test
    void changesAndThenDeletesANamespaceThroughItsDayTwoRequests() {
        // Given a READY namespace of team payments
        String name = uniqueName("payments");
        String createId = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"))
                .body().path("requestId").asString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceReady.newBuilder()
                .setEnvelope(EventEnvelopes.derived(createId, "ready", "team-payments", "provisioning-service", at))
                .setSpec(spec(name, "payments")).build());
        await("namespace ready").atMost(PROJECTED).until(() -> "READY".equals(
                call("GET", "/api/v1/namespaces/" + name, "team-payments", null).body().path("status").asString()));

        // When the team changes its tier (twice with the same Idempotency-Key)
        String key = UUID.randomUUID().toString();
        String change = "{\"tier\": \"medium\", \"description\": \"more traffic\"}";
        Answer accepted = call("PATCH", "/api/v1/namespaces/" + name, "team-payments", change, "Idempotency-Key", key);
        Answer retried = call("PATCH", "/api/v1/namespaces/" + name, "team-payments", change, "Idempotency-Key", key);

        // Then one update request is accepted, published once, and the namespace is UPDATING
        assertThat(accepted.status()).isEqualTo(202);
        String updateId = accepted.body().path("requestId").asString();
        assertThat(accepted.body().path("type").asString()).isEqualTo("UPDATE");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/requests/" + updateId);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().path("requestId").asString()).isEqualTo(updateId);
        List<ConsumerRecord<String, NamespaceUpdateRequested>> updates = EventProbe.awaitRecords(Topics.NAMESPACE_REQUESTS,
                NamespaceUpdateRequested.class, event -> event.getEnvelope().getRequestId().equals(updateId), PROJECTED);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).key()).isEqualTo(name);
        assertThat(updates.get(0).value().getTier()).isEqualTo("medium");
        assertThat(updates.get(0).value().getNetworkPolicy()).isNull();
        assertThat(call("GET", "/api/v1/namespaces/" + name, "team-payments", null).body().path("status").asString())
                .isEqualTo("UPDATING");
        JsonNode pending = call("GET", "/api/v1/requests/" + updateId, "team-payments", null).body();
        assertThat(pending.path("changes").path("tier").asString()).isEqualTo("medium");
        assertThat(pending.path("team").asString()).isEqualTo("payments");

        // And a deletion while the change is open is refused with a link to the open request
        Answer busy = call("DELETE", "/api/v1/namespaces/" + name, "team-payments", null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body().path("request").asString()).isEqualTo("/api/v1/requests/" + updateId);

        // When provisioning-service reports the change applied
        NamespaceSpec medium = NamespaceSpec.newBuilder(spec(name, "payments")).setTier("medium")
                .setDescription("more traffic").build();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceUpdated.newBuilder()
                .setEnvelope(EventEnvelopes.derived(updateId, "updated", "team-payments", "provisioning-service", at.plusSeconds(1)))
                .setSpec(medium).setChangedFields(List.of("tier", "description")).build());

        // Then the request and the namespace are READY with the new tier
        awaitRequest(updateId, "team-payments", "READY");
        JsonNode updated = call("GET", "/api/v1/namespaces/" + name, "team-payments", null).body();
        assertThat(updated.path("status").asString()).isEqualTo("READY");
        assertThat(updated.path("spec").path("tier").asString()).isEqualTo("medium");

        // When the team deletes it
        Answer deletion = call("DELETE", "/api/v1/namespaces/" + name + "?reason=no%20longer%20needed", "team-payments", null);
        assertThat(deletion.status()).isEqualTo(202);
        String deleteId = deletion.body().path("requestId").asString();
        assertThat(EventProbe.awaitRecords(Topics.NAMESPACE_REQUESTS, NamespaceDeletionRequested.class,
                event -> event.getEnvelope().getRequestId().equals(deleteId), PROJECTED).get(0).value().getReason())
                .isEqualTo("no longer needed");
        assertThat(call("GET", "/api/v1/namespaces/" + name, "team-payments", null).body().path("status").asString())
                .isEqualTo("DELETING");
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, NamespaceDeleted.newBuilder()
                .setEnvelope(EventEnvelopes.derived(deleteId, "deleted", "team-payments", "provisioning-service", at.plusSeconds(2)))
                .setName(name).setTeam("payments").build());

        // Then it is DELETED and the name is free again
        awaitRequest(deleteId, "team-payments", "DELETED");
        assertThat(call("GET", "/api/v1/namespaces/" + name, "team-payments", null).body().path("status").asString())
                .isEqualTo("DELETED");
        assertThat(call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small")).status())
                .isEqualTo(202);
    }

    @Test
    void listsTheCallersNamespacesFilteredAndPagedWithTheTotal() {
        String prefix = uniqueName("list");
        for (int i = 0; i < 3; i++) {
            assertThat(call("POST", "/api/v1/namespaces", "team-data", body(prefix + "-" + i, "data", i == 2 ? "medium" : "small"))
                    .status()).isEqualTo(202);
        }

        JsonNode small = call("GET", "/api/v1/namespaces?team=data&tier=small&status=PENDING&environment=development&size=1&page=1",
                "team-data", null).body();

        assertThat(small.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(small.path("items").size()).isEqualTo(1);
        assertThat(small.path("items").get(0).path("spec").path("tier").asString()).isEqualTo("small");
        JsonNode others = call("GET", "/api/v1/namespaces?tier=medium", "team-payments", null).body();
        assertThat(others.path("items").valueStream().noneMatch(item -> item.path("team").asString().equals("data"))).isTrue();
    }
}
