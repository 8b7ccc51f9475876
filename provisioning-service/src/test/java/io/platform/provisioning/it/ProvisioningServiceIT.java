package io.platform.provisioning.it;

import static io.platform.provisioning.messaging.Fixtures.requested;
import static io.platform.provisioning.messaging.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.kubernetes.MockKubernetes;
import io.platform.provisioning.messaging.Fixtures;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * provisioning-service against a real broker, registry and PostgreSQL, with fabric8's CRUD mock as the API server.
 * Requests and rbac-service's answers are published as an outside client would.
 */
@SpringBootTest(classes = {io.platform.provisioning.ProvisioningApplication.class, ProvisioningServiceIT.MockCluster.class})
class ProvisioningServiceIT {

    private static final MockKubernetes KUBERNETES = MockKubernetes.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "provisioning");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MockCluster {
        @Bean
        @Primary
        KubernetesClient mockKubernetesClient() {
            return KUBERNETES.client();
        }
    }

    @Autowired
    CatalogReplica catalog;

    @Autowired
    JdbcClient jdbc;

    private final KubernetesClient cluster = KUBERNETES.client();

    @BeforeEach
    void catalogIsPublished() {
        if (catalog.tier("small").isEmpty()) {
            EventProbe.publish(Topics.CATALOG, "tier:small", Fixtures.small());
            EventProbe.publish(Topics.CATALOG, "tier:micro", Fixtures.micro());
            EventProbe.publish(Topics.CATALOG, "feature:monitoring", Fixtures.monitoring());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.tier("small").isPresent()
                && catalog.tier("micro").isPresent() && catalog.feature("monitoring").isPresent());
    }

    @Test
    void provisionsTheNamespaceAnnouncesEachStepAndIsReadyOnceRbacIsApplied() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("payments");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name,
                requested(requestId, spec(name, "production", "small", "team-shared", "monitoring")));

        ConsumerRecord<String, NamespaceProvisioned> provisioned = EventProbe.awaitRecords(Topics.NAMESPACE_EVENTS,
                NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(30)).get(0);
        PoliciesApplied policies = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, PoliciesApplied.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));

        assertThat(provisioned.key()).isEqualTo(name);
        assertThat(provisioned.value().getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "provisioned"));
        assertThat(provisioned.value().getEnvelope().getActor()).isEqualTo("team-payments");
        assertThat(provisioned.value().getEnvelope().getSource()).isEqualTo("provisioning-service");
        assertThat(CloudEventHeaders.read(provisioned.headers(), CloudEventHeaders.ID))
                .isEqualTo(provisioned.value().getEnvelope().getEventId());
        assertThat(provisioned.value().getSpec().getName()).isEqualTo(name);
        assertThat(provisioned.value().getObjects()).containsExactly("Namespace/" + name, "ResourceQuota/platform-quota",
                "LimitRange/platform-limits");
        assertThat(policies.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "policies-applied"));
        assertThat(policies.getPodSecurityLevel()).isEqualTo("restricted");
        assertThat(policies.getNetworkPolicy()).isEqualTo("team-shared");
        assertThat(policies.getFeatures()).containsExactly("monitoring");

        Namespace namespace = cluster.namespaces().withName(name).get();
        assertThat(namespace.getMetadata().getLabels()).contains(
                entry("platform.io/managed", "true"), entry("platform.io/team", "payments"),
                entry("platform.io/environment", "production"), entry("platform.io/tier", "small"),
                entry("app.kubernetes.io/managed-by", "namespace-platform"),
                entry("app.kubernetes.io/part-of", "namespace-platform"),
                entry("pod-security.kubernetes.io/enforce", "restricted"),
                entry("platform.io/monitoring-enabled", "true"));
        assertThat(namespace.getMetadata().getAnnotations()).contains(
                entry("platform.io/request-id", requestId), entry("platform.io/requested-by", "team-payments"),
                entry("platform.io/description", "Payments API"), entry("platform.io/cost-center", "CC-1234"),
                entry("prometheus.io/scrape", "true"));
        assertThat(cluster.resourceQuotas().inNamespace(name).withName("platform-quota").get().getSpec().getHard())
                .contains(entry("requests.cpu", new Quantity("2")), entry("limits.memory", new Quantity("4Gi")),
                        entry("requests.storage", new Quantity("20Gi")), entry("pods", new Quantity("10")));
        assertThat(cluster.limitRanges().inNamespace(name).withName("platform-limits").get().getSpec().getLimits().get(0)
                .getDefault()).contains(entry("cpu", new Quantity("500m")));
        NetworkPolicy policy = cluster.network().v1().networkPolicies().inNamespace(name).withName("platform-ingress").get();
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).hasSize(3);

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name));

        NamespaceReady ready = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, NamespaceReady.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(ready.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "ready"));
        assertThat(ready.getSpec().getTier()).isEqualTo("small");
        assertThat(status(requestId)).isEqualTo("READY");
    }

    @Test
    void invalidRequestIsRejectedWithItsViolationsAndCreatesNoNamespace() {
        String requestId = UUID.randomUUID().toString();
        String name = "Bad-Name-" + UUID.randomUUID().toString().substring(0, 6);
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "huge", "isolated")));

        RequestRejected rejected = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RequestRejected.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));

        assertThat(rejected.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "rejected"));
        assertThat(rejected.getName()).isEqualTo(name);
        assertThat(rejected.getRequestType()).isEqualTo(NamespaceRequested.getClassSchema().getFullName());
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .contains("name:pattern", "tier:unknown-tier");
        assertThat(rejected.getViolations()).extracting(FieldViolation::getMessage).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(cluster.namespaces().withName(name).get()).isNull();
        assertThat(cluster.namespaces().withName(name.toLowerCase()).get()).isNull();
        assertThat(status(requestId)).isEqualTo("REJECTED");
    }

    @Test
    void nameOwnedByAnotherLiveNamespaceIsRejectedAsTaken() {
        String name = unique("taken");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(first, spec(name, "development", "micro", "open")));
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(second, spec(name, "staging", "small", "open")));

        RequestRejected rejected = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RequestRejected.class,
                e -> e.getEnvelope().getRequestId().equals(second));

        assertThat(rejected.getViolations()).extracting(FieldViolation::getCode).containsExactly("name-taken");
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations())
                .containsEntry("platform.io/request-id", first);
    }

    @Test
    void redeliveredRequestCreatesNothingTwice() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("redelivered");
        NamespaceRequested request = requested(requestId, spec(name, "development", "small", "isolated"));
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, request);
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, PoliciesApplied.class, e -> e.getEnvelope().getRequestId().equals(requestId));

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, request);
        // a later request on the same key (same partition) is handled after the redelivered one
        String marker = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(marker, spec(name, "development", "small", "open")));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RequestRejected.class, e -> e.getEnvelope().getRequestId().equals(marker));

        List<ConsumerRecord<String, NamespaceProvisioned>> provisioned = EventProbe.read(Topics.NAMESPACE_EVENTS,
                NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(provisioned).extracting(r -> r.value().getEnvelope().getEventId()).containsOnly(derivedId(requestId, "provisioned"));
        assertThat(provisioned).extracting(r -> r.value().getEnvelope().getOccurredAt()).containsOnly(
                provisioned.get(0).value().getEnvelope().getOccurredAt());
        assertThat(cluster.namespaces().withLabel("platform.io/team", "payments").list().getItems())
                .filteredOn(ns -> ns.getMetadata().getName().equals(name)).hasSize(1);
        assertThat(cluster.resourceQuotas().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(cluster.limitRanges().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from requests where request_id = ?").param(requestId).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(status(requestId)).isEqualTo("PROVISIONING");
    }

    @Test
    void rbacFailureRemovesTheNamespaceFailsTheRequestAndFreesTheName() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("rbac-fails");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, PoliciesApplied.class, e -> e.getEnvelope().getRequestId().equals(requestId));

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-failed", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setReason("RoleBinding refused: HTTP 403").setRetryable(false).build());

        NamespaceProvisioningFailed failed = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, NamespaceProvisioningFailed.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(failed.getStep()).isEqualTo("rbac");
        assertThat(failed.getReason()).contains("HTTP 403");
        assertThat(failed.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "failed"));
        assertThat(cluster.namespaces().withName(name).get()).isNull();
        assertThat(cluster.resourceQuotas().inNamespace(name).list().getItems()).isEmpty();
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).isEmpty();
        assertThat(status(requestId)).isEqualTo("FAILED");

        String retry = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(retry, spec(name, "development", "small", "isolated")));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(retry));
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations())
                .containsEntry("platform.io/request-id", retry);
    }

    @Test
    void updateRequestsAreRefusedAsNotSupportedYet() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("update");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, NamespaceUpdateRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "team-payments", "gateway-service", Instant.now()))
                .setName(name).setTier("micro").build());

        RequestRejected rejected = EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, RequestRejected.class,
                e -> e.getEnvelope().getRequestId().equals(requestId));

        assertThat(rejected.getRequestType()).isEqualTo(NamespaceUpdateRequested.getClassSchema().getFullName());
        assertThat(rejected.getViolations()).extracting(FieldViolation::getCode).containsExactly("not-supported-yet");
    }

    @Test
    void poisonPillIsDeadLetteredAndTheConsumerKeepsWorking() {
        byte[] garbage = new byte[64];
        new Random().nextBytes(garbage);
        garbage[0] = 0x42;
        EventProbe.publishRaw(Topics.NAMESPACE_REQUESTS.name(), "poison", garbage);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EventProbe.readRaw(Topics.NAMESPACE_REQUESTS.deadLetterTopic()))
                        .anySatisfy(record -> assertThat(record.value()).isEqualTo(garbage)));

        String requestId = UUID.randomUUID().toString();
        String name = unique("after-poison");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "micro", "open")));
        EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(cluster.namespaces().withName(name).get()).isNotNull();
    }

    private String status(String requestId) {
        return jdbc.sql("select status from requests where request_id = ?").param(requestId).query(String.class).single();
    }

    private static RbacApplied rbacApplied(String requestId, String name) {
        return RbacApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-applied", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setTeam("payments").setSubjectGroup("team-payments").setClusterRole("admin")
                .setRoleBinding("team-payments-admin").build();
    }

    private static String derivedId(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "any", "any", Instant.EPOCH).getEventId();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
