package io.platform.provisioning.it;

import static io.platform.provisioning.messaging.Fixtures.requested;
import static io.platform.provisioning.messaging.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.config.DriftProperties;
import io.platform.provisioning.domain.DriftReconciler;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.kubernetes.NamespaceDriftWatcher;
import io.platform.provisioning.messaging.Fixtures;
import io.platform.provisioning.messaging.SagaCheckpoints;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import io.platform.test.kubernetes.FaultInjectingDispatcher;
import io.platform.test.kubernetes.MockKubernetes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * provisioning-service against a real broker, registry, PostgreSQL and OIDC issuer, with fabric8's CRUD mock as the
 * API server behind a fault-injecting dispatcher. Requests and rbac-service's answers are published as an outside
 * client would. Where the mock differs from a real cluster, the test says so.
 */
@SpringBootTest(classes = {io.platform.provisioning.ProvisioningApplication.class, ProvisioningServiceIT.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "platform.provisioning.deadline=20s",
                "platform.provisioning.supervisor.interval=1s",
                "platform.provisioning.supervisor.resume-after=3s",
                "platform.provisioning.kubernetes-retry.initial-delay=50ms",
                "platform.provisioning.kubernetes-retry.max-delay=400ms",
                "platform.provisioning.team-limits.teams.limited.max-namespaces=1",
                "platform.provisioning.team-limits.teams.capped.max-cpu=3",
                "platform.provisioning.drift.resync-interval=5s",
                "platform.provisioning.drift.lease.duration=4s",
                "platform.provisioning.drift.lease.renew-deadline=3s",
                "platform.provisioning.drift.lease.retry-period=500ms",
                "platform.provisioning.deletion.swept-kinds=v1/configmaps"})
class ProvisioningServiceIT {

    private static final MockKubernetes KUBERNETES = MockKubernetes.start();
    private static final CrashOnce CRASH = new CrashOnce();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "provisioning");
        PlatformInfrastructure.issuer(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {
        @Bean
        @Primary
        KubernetesClient mockKubernetesClient() {
            return KUBERNETES.client(Duration.ofSeconds(1));
        }

        @Bean
        SagaCheckpoints crashOnce() {
            return CRASH;
        }
    }

    /** Throws once at the chosen point of one request's saga, like a process dying there. */
    static final class CrashOnce implements SagaCheckpoints {
        volatile String requestId;
        volatile String point;
        final AtomicInteger crashes = new AtomicInteger();

        void arm(String request, String at) {
            crashes.set(0);
            point = at;
            requestId = request;
        }

        @Override
        public void afterClusterWrite(ProvisioningSaga saga, String step) {
            crash(saga, "write");
        }

        @Override
        public void afterCommit(ProvisioningSaga saga) {
            crash(saga, "commit");
        }

        private void crash(ProvisioningSaga saga, String at) {
            if (at.equals(point) && saga.requestId().equals(requestId) && crashes.compareAndSet(0, 1)) {
                throw new IllegalStateException("simulated crash " + at);
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    CatalogReplica catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NamespaceDriftWatcher driftWatcher;

    private final KubernetesClient cluster = KUBERNETES.client();
    private final FaultInjectingDispatcher faults = KUBERNETES.faults();

    @BeforeEach
    void catalogIsPublished() {
        faults.clear();
        if (catalog.tier("small").isEmpty()) {
            EventProbe.publish(Topics.CATALOG, "tier:small", Fixtures.small());
            EventProbe.publish(Topics.CATALOG, "tier:micro", Fixtures.micro());
            EventProbe.publish(Topics.CATALOG, "tier:large", Fixtures.tier("large", "8", "16Gi", "100Gi", 50, 20, 40_000));
            EventProbe.publish(Topics.CATALOG, "feature:monitoring", Fixtures.monitoring());
            EventProbe.publish(Topics.CATALOG, "feature:backup", Fixtures.backup());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.tier("small").isPresent()
                && catalog.tier("large").isPresent() && catalog.feature("backup").isPresent());
    }

    // ------------------------------------------------------------------------------------------- create, every step

    @Test
    void provisionsTheNamespaceAnnouncesEachStepAndIsReadyOnceRbacIsApplied() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("payments");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name,
                requested(requestId, spec(name, "production", "small", "team-shared", "monitoring")));

        ConsumerRecord<String, NamespaceProvisioned> provisioned = EventProbe.awaitRecords(Topics.NAMESPACE_EVENTS,
                NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(30)).get(0);
        PoliciesApplied policies = awaitEvent(PoliciesApplied.class, requestId);

        assertThat(provisioned.key()).isEqualTo(name);
        assertThat(provisioned.value().getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "provisioned"));
        assertThat(provisioned.value().getEnvelope().getActor()).isEqualTo("team-payments");
        assertThat(provisioned.value().getEnvelope().getSource()).isEqualTo("provisioning-service");
        assertThat(CloudEventHeaders.read(provisioned.headers(), CloudEventHeaders.ID))
                .isEqualTo(provisioned.value().getEnvelope().getEventId());
        assertThat(provisioned.value().getObjects()).containsExactly("Namespace/" + name, "ResourceQuota/platform-quota",
                "LimitRange/platform-limits");
        assertThat(policies.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "policies-applied"));
        assertThat(policies.getPodSecurityLevel()).isEqualTo("restricted");
        assertThat(policies.getNetworkPolicy()).isEqualTo("team-shared");
        assertThat(policies.getFeatures()).containsExactly("monitoring");

        assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels()).contains(
                entry("platform.io/managed", "true"), entry("platform.io/team", "payments"),
                entry("platform.io/environment", "production"), entry("platform.io/tier", "small"),
                entry("pod-security.kubernetes.io/enforce", "restricted"), entry("platform.io/monitoring-enabled", "true"));
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations()).contains(
                entry("platform.io/request-id", requestId), entry("platform.io/requested-by", "team-payments"),
                entry("platform.io/description", "Payments API"), entry("prometheus.io/scrape", "true"));
        assertThat(cluster.resourceQuotas().inNamespace(name).withName("platform-quota").get().getSpec().getHard())
                .contains(entry("requests.cpu", new Quantity("2")), entry("limits.memory", new Quantity("4Gi")));
        assertThat(cluster.limitRanges().inNamespace(name).withName("platform-limits").get().getSpec().getLimits().get(0)
                .getDefault()).contains(entry("cpu", new Quantity("500m")));
        NetworkPolicy policy = cluster.network().v1().networkPolicies().inNamespace(name).withName("platform-ingress").get();
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).hasSize(3);
        assertThat(status(requestId)).isEqualTo("PROVISIONING");

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name, "payments"));

        NamespaceReady ready = awaitEvent(NamespaceReady.class, requestId);
        assertThat(ready.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "ready"));
        assertThat(ready.getSpec().getTier()).isEqualTo("small");
        assertThat(status(requestId)).isEqualTo("READY");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                .contains("namespace_provisioning_total{", "status=\"READY\"", "namespace_saga_step_seconds_count{",
                        "step=\"namespace\"", "step=\"rbac\"", "active_namespaces"));
    }

    @Test
    void invalidExternalRequestIsRejectedWithItsViolationsAndCreatesNoNamespace() {
        String requestId = UUID.randomUUID().toString();
        String name = "Bad-Name-" + UUID.randomUUID().toString().substring(0, 6);
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "huge", "isolated")));

        RequestRejected rejected = awaitEvent(RequestRejected.class, requestId);

        assertThat(rejected.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "rejected"));
        assertThat(rejected.getName()).isEqualTo(name);
        assertThat(rejected.getRequestType()).isEqualTo(NamespaceRequested.getClassSchema().getFullName());
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .contains("name:pattern", "tier:unknown-tier");
        assertThat(rejected.getViolations()).extracting(FieldViolation::getMessage).allSatisfy(m -> assertThat(m).isNotBlank());
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

        RequestRejected rejected = awaitEvent(RequestRejected.class, second);

        assertThat(rejected.getViolations()).extracting(FieldViolation::getCode).containsExactly("name-taken");
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations())
                .containsEntry("platform.io/request-id", first);
    }

    @Test
    void requestOverTheTeamsLimitIsRejectedNamingTheLimit() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String overCpu = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, "limited-one",
                requested(first, spec("limited-one", "limited", "development", "micro", "open", List.of())));
        awaitEvent(NamespaceProvisioned.class, first);
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, "limited-two",
                requested(second, spec("limited-two", "limited", "development", "micro", "open", List.of())));
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, "capped-one",
                requested(overCpu, spec("capped-one", "capped", "development", "large", "open", List.of())));

        assertThat(awaitEvent(RequestRejected.class, second).getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getCode()).isEqualTo("team-limit");
            assertThat(v.getMessage()).startsWith("max-namespaces:");
        });
        assertThat(awaitEvent(RequestRejected.class, overCpu).getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getCode()).isEqualTo("team-limit");
            assertThat(v.getMessage()).startsWith("max-cpu:").contains("8 CPU", "3 CPU");
        });
        assertThat(cluster.namespaces().withName("limited-two").get()).isNull();
        assertThat(cluster.namespaces().withName("capped-one").get()).isNull();
    }

    // --------------------------------------------------------------------------- exactly-once and failure classes

    @Test
    void redeliveredRequestCreatesNothingTwice() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("redelivered");
        NamespaceRequested request = requested(requestId, spec(name, "development", "small", "isolated"));
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, request);
        awaitEvent(PoliciesApplied.class, requestId);

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, request);
        // a later request on the same key (same partition) is handled after the redelivered one
        String marker = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(marker, spec(name, "development", "small", "open")));
        awaitEvent(RequestRejected.class, marker);

        assertExactlyOnce(requestId, name);
    }

    @Test
    void crashAfterTheKubernetesWriteIsRedeliveredAndCompletesTheSagaCreatingNothingTwice() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("crash-write");
        CRASH.arm(requestId, "write");

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));
        awaitEvent(PoliciesApplied.class, requestId);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name, "payments"));
        awaitEvent(NamespaceReady.class, requestId);

        assertThat(CRASH.crashes.get()).isEqualTo(1);
        assertExactlyOnce(requestId, name);
        assertThat(status(requestId)).isEqualTo("READY");
    }

    @Test
    void crashBetweenTheCommitAndThePublishPublishesTheCommittedEventsExactlyOnce() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("crash-commit");
        CRASH.arm(requestId, "commit");

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));
        awaitEvent(PoliciesApplied.class, requestId);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name, "payments"));
        awaitEvent(NamespaceReady.class, requestId);

        assertThat(CRASH.crashes.get()).isEqualTo(1);
        assertExactlyOnce(requestId, name);
    }

    @Test
    void conflictsThrottlingServerErrorsAndTimeoutsAreRetriedUntilTheStepSucceeds() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("flaky");
        FaultInjectingDispatcher.Fault serverError = faults.fail("POST", "/namespaces/" + name + "/resourcequotas", 503, 1);
        FaultInjectingDispatcher.Fault throttled = faults.fail("POST", "/namespaces/" + name + "/limitranges", 429, 1);
        FaultInjectingDispatcher.Fault conflict = faults.fail("PATCH", "/api/v1/namespaces/" + name + "$", 409, 1);
        // the mock holds its dispatcher while it delays: 1.5 s against the client's 1 s timeout
        FaultInjectingDispatcher.Fault timeout = faults.delay("POST", "/namespaces/" + name + "/networkpolicies",
                Duration.ofMillis(1500), 1);

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));

        awaitEvent(PoliciesApplied.class, requestId);
        assertThat(List.of(serverError.hits(), throttled.hits(), conflict.hits(), timeout.hits())).containsOnly(1);
        assertThat(cluster.resourceQuotas().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(status(requestId)).isEqualTo("PROVISIONING");
    }

    @Test
    void forbiddenAndInvalidWritesFailTheStepAndLeaveNothingBehind() {
        String forbidden = UUID.randomUUID().toString();
        String invalid = UUID.randomUUID().toString();
        String first = unique("forbidden");
        String second = unique("invalid");
        faults.fail("POST", "/namespaces/" + first + "/networkpolicies", 403, 1);
        faults.fail("POST", "/namespaces/" + second + "/limitranges", 422, 1);

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, first, requested(forbidden, spec(first, "development", "small", "isolated")));
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, second, requested(invalid, spec(second, "development", "small", "isolated")));

        NamespaceProvisioningFailed policies = awaitEvent(NamespaceProvisioningFailed.class, forbidden);
        NamespaceProvisioningFailed quota = awaitEvent(NamespaceProvisioningFailed.class, invalid);
        assertThat(policies.getStep()).isEqualTo("policies");
        assertThat(policies.getReason()).contains("HTTP 403");
        assertThat(quota.getStep()).isEqualTo("quota");
        assertThat(quota.getReason()).contains("HTTP 422");
        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, NamespaceProvisioned.class,
                e -> e.getEnvelope().getRequestId().equals(forbidden))).isEmpty();
        for (String name : List.of(first, second)) {
            assertNothingLeft(name);
        }
        assertThat(status(forbidden)).isEqualTo("FAILED");
        assertThat(jdbc.sql("select failure_step from requests where request_id = ?").param(invalid)
                .query(String.class).single()).isEqualTo("quota");
    }

    @Test
    void rbacFailureRemovesTheNamespaceFailsTheRequestAndFreesTheName() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("rbac-fails");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));
        awaitEvent(PoliciesApplied.class, requestId);

        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-failed", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setReason("RoleBinding refused: HTTP 403").setRetryable(false).build());

        NamespaceProvisioningFailed failed = awaitEvent(NamespaceProvisioningFailed.class, requestId);
        assertThat(failed.getStep()).isEqualTo("rbac");
        assertThat(failed.getReason()).contains("HTTP 403");
        assertThat(failed.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "failed"));
        assertNothingLeft(name);

        String next = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(next, spec(name, "development", "small", "isolated")));
        awaitEvent(NamespaceProvisioned.class, next);
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations())
                .containsEntry("platform.io/request-id", next);
    }

    @Test
    void requestNotFinishedWithinItsDeadlineFailsAndIsCompensated() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("too-slow");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "isolated")));
        awaitEvent(PoliciesApplied.class, requestId);

        // rbac-service never answers: the 20 s deadline of this test context passes
        NamespaceProvisioningFailed failed = EventProbe.awaitRecords(Topics.NAMESPACE_EVENTS, NamespaceProvisioningFailed.class,
                e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(45)).get(0).value();

        assertThat(failed.getStep()).isEqualTo("deadline");
        assertThat(failed.getReason()).contains("PT20S", "stuck at step policies");
        assertNothingLeft(name);
        assertThat(status(requestId)).isEqualTo("FAILED");
    }

    @Test
    void adminRetriesAFailedRequestUnderTheSameRequestId() {
        String requestId = UUID.randomUUID().toString();
        String name = unique("retried");
        faults.fail("POST", "/namespaces/" + name + "/resourcequotas", 403, 1);
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "small", "open")));
        awaitEvent(NamespaceProvisioningFailed.class, requestId);

        assertThat(post("/api/v1/requests/" + requestId + "/retry", "team-payments").status()).isEqualTo(403);
        assertThat(post("/api/v1/requests/" + requestId + "/retry", null).status()).isEqualTo(401);
        assertThat(post("/api/v1/requests/no-such-request/retry", "platform-admin").status()).isEqualTo(404);
        assertThat(post("/api/v1/requests/bad%20id/retry", "platform-admin").status()).isEqualTo(400);
        Answer accepted = post("/api/v1/requests/" + requestId + "/retry", "platform-admin");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"requestId\":\"" + requestId + "\"", "\"attempt\":2", "\"status\":\"PENDING\"");

        NamespaceProvisioned provisioned = awaitEvent(NamespaceProvisioned.class, requestId);
        assertThat(provisioned.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "provisioned#2"));
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name, "payments"));
        awaitEvent(NamespaceReady.class, requestId);
        assertThat(status(requestId)).isEqualTo("READY");
        Answer conflict = post("/api/v1/requests/" + requestId + "/retry", "platform-admin");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("only a FAILED request");
    }

    // ---------------------------------------------------------------------------------------------------- day 2

    @Test
    void updateChangesTierModeFeaturesAndDescriptionAndAnnouncesTheFullSpec() {
        String name = unique("updated");
        String created = readyNamespace(name, "payments", "small", "isolated", "monitoring");
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name,
                Fixtures.update(requestId, name, "large", "open", List.of("backup"), "Checkout API"));

        NamespaceUpdated updated = awaitEvent(NamespaceUpdated.class, requestId);
        assertThat(updated.getEnvelope().getEventId()).isEqualTo(derivedId(requestId, "updated"));
        assertThat(updated.getSpec().getName()).isEqualTo(name);
        assertThat(updated.getSpec().getTier()).isEqualTo("large");
        assertThat(updated.getSpec().getNetworkPolicy()).isEqualTo("open");
        assertThat(updated.getSpec().getFeatures()).containsExactly("backup");
        assertThat(updated.getSpec().getDescription()).isEqualTo("Checkout API");
        assertThat(updated.getSpec().getCostCenter()).isEqualTo("CC-1234");
        assertThat(updated.getChangedFields()).containsExactly("tier", "networkPolicy", "features", "description");
        assertThat(cluster.resourceQuotas().inNamespace(name).withName("platform-quota").get().getSpec().getHard())
                .contains(entry("requests.cpu", new Quantity("8")), entry("limits.memory", new Quantity("16Gi")));
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).isEmpty();
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels())
                .contains(entry("platform.io/tier", "large"), entry("backup.platform.io/enabled", "true"))
                .doesNotContainKey("platform.io/monitoring-enabled");
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getAnnotations())
                .contains(entry("platform.io/description", "Checkout API"), entry("platform.io/request-id", created))
                .doesNotContainKey("prometheus.io/scrape");
        assertThat(status(requestId)).isEqualTo("READY");
    }

    @Test
    void invalidUpdateIsRejectedWithTheGatewaysRules() {
        String name = unique("bad-update");
        readyNamespace(name, "payments", "small", "isolated");
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, NamespaceUpdateRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, "billing-system", "billing", Instant.now()))
                .setName(name).setTier("huge").setNetworkPolicy("everything").build());

        RequestRejected rejected = awaitEvent(RequestRejected.class, requestId);
        assertThat(rejected.getRequestType()).isEqualTo(NamespaceUpdateRequested.getClassSchema().getFullName());
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .containsExactly("networkPolicy:pattern", "tier:unknown-tier");
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels()).containsEntry("platform.io/tier", "small");
    }

    @Test
    void deletionRemovesBindingsFirstThenEveryObjectAndTheNamespace() {
        String name = unique("deleted");
        readyNamespace(name, "payments", "small", "isolated");
        cluster.configMaps().inNamespace(name).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("app-settings").endMetadata().build()).create();
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, Fixtures.deletion(requestId, name));

        NamespaceDeletionStarted started = awaitEvent(NamespaceDeletionStarted.class, requestId);
        assertThat(started.getTeam()).isEqualTo("payments");
        assertThat(cluster.namespaces().withName(name).get()).as("nothing is deleted before the bindings are gone").isNotNull();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, RbacRemoved.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-removed", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setObjects(List.of("RoleBinding/team-payments-admin")).build());

        NamespaceDeleted deleted = awaitEvent(NamespaceDeleted.class, requestId);
        assertThat(deleted.getTeam()).isEqualTo("payments");
        // the CRUD mock does not cascade a namespace deletion: the objects are gone because they were deleted explicitly
        assertNothingLeft(name);
        assertThat(cluster.configMaps().inNamespace(name).list().getItems()).isEmpty();
        assertThat(status(requestId)).isEqualTo("DELETED");

        String again = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, Fixtures.deletion(again, name));
        assertThat(awaitEvent(RequestRejected.class, again).getViolations()).extracting(FieldViolation::getCode)
                .containsExactly("not-found");
    }

    @Test
    void protectedNamespaceIsNotDeleted() {
        String name = unique("protected");
        readyNamespace(name, "payments", "small", "isolated");
        cluster.namespaces().withName(name).edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels("platform.io/protected", "true").endMetadata().build());
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, Fixtures.deletion(requestId, name));

        assertThat(awaitEvent(RequestRejected.class, requestId).getViolations()).extracting(FieldViolation::getCode)
                .containsExactly("protected");
        assertThat(cluster.namespaces().withName(name).get()).isNotNull();
        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, NamespaceDeletionStarted.class,
                e -> e.getEnvelope().getRequestId().equals(requestId))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ drift repair

    @Test
    void objectsDeletedOrChangedByHandArePutBackWithin30Seconds() {
        String name = unique("drifted");
        String created = readyNamespace(name, "payments", "small", "isolated");

        cluster.resourceQuotas().inNamespace(name).withName("platform-quota").delete();
        cluster.namespaces().withName(name).edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels("platform.io/tier", "large").addToLabels("owner.example.com/contact", "alice").endMetadata().build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.resourceQuotas().inNamespace(name).withName("platform-quota").get()).isNotNull();
            assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels())
                    .contains(entry("platform.io/tier", "small"), entry("owner.example.com/contact", "alice"));
        });
        List<DriftCorrected> corrections = EventProbe.awaitRecords(Topics.NAMESPACE_EVENTS, DriftCorrected.class,
                        e -> e.getName().equals(name), Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS,
                DriftCorrected.class, e -> e.getName().equals(name))).extracting(r -> r.value().getObjectKind())
                .contains("ResourceQuota", "Namespace"));
        assertThat(corrections).allSatisfy(c -> assertThat(c.getEnvelope().getRequestId()).isEqualTo(created));
        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, DriftCorrected.class, e -> e.getName().equals(name)))
                .extracting(r -> r.value().getChange())
                .anySatisfy(change -> assertThat(change).isEqualTo("deleted"))
                .anySatisfy(change -> assertThat(change).contains("platform.io/tier='large' (expected 'small')"));
        assertThat(prometheus()).contains("namespace_drift_corrections_total{", "kind=\"ResourceQuota\"");
    }

    @Test
    void afterARestartTheRecordsRefillAClusterThatLostItsObjectsAndOneReplicaLeads() {
        String name = unique("refilled");
        readyNamespace(name, "payments", "small", "team-shared", "monitoring");
        await().atMost(Duration.ofSeconds(15)).until(driftWatcher::isLeading);

        DriftProperties fast = new DriftProperties(true, Duration.ofSeconds(5), Duration.ofMillis(100),
                new DriftProperties.Lease("platform-system", "provisioning-service-drift", Duration.ofSeconds(4),
                        Duration.ofSeconds(3), Duration.ofMillis(500)));
        AtomicInteger secondReplicaPasses = new AtomicInteger();
        NamespaceDriftWatcher secondReplica = new NamespaceDriftWatcher(cluster, new DriftReconciler() {
            @Override
            public boolean reconcile(String namespace) {
                return true;
            }

            @Override
            public void reconcileAll() {
                secondReplicaPasses.incrementAndGet();
            }
        }, fast);
        secondReplica.start();
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> driftWatcher.isLeading() && !secondReplica.isLeading());
            assertThat(secondReplicaPasses.get()).as("a replica that does not lead repairs nothing").isZero();
            // the in-memory stand-in loses everything on a restart: simulate it while no replica watches
            driftWatcher.stop();
            await().atMost(Duration.ofSeconds(15)).until(secondReplica::isLeading);
            secondReplica.stop();
            cluster.network().v1().networkPolicies().inNamespace(name).withName("platform-ingress").delete();
            cluster.limitRanges().inNamespace(name).withName("platform-limits").delete();
            cluster.resourceQuotas().inNamespace(name).withName("platform-quota").delete();
            cluster.namespaces().withName(name).delete();
            assertThat(cluster.namespaces().withName(name).get()).isNull();
            assertThat(secondReplicaPasses.get()).isPositive();

            driftWatcher.start();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(cluster.namespaces().withName(name).get()).isNotNull();
                assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels())
                        .contains(entry("platform.io/tier", "small"), entry("pod-security.kubernetes.io/enforce", "baseline"),
                                entry("platform.io/monitoring-enabled", "true"));
                assertThat(cluster.resourceQuotas().inNamespace(name).withName("platform-quota").get()).isNotNull();
                assertThat(cluster.limitRanges().inNamespace(name).withName("platform-limits").get()).isNotNull();
                assertThat(cluster.network().v1().networkPolicies().inNamespace(name).withName("platform-ingress").get())
                        .isNotNull();
            });
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS,
                    DriftCorrected.class, e -> e.getName().equals(name))).extracting(r -> r.value().getObjectKind())
                    .contains("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy"));
        } finally {
            secondReplica.stop();
            if (!driftWatcher.isRunning()) {
                driftWatcher.start();
            }
        }
    }

    // ---------------------------------------------------------------------------------------- dead letters, redrive

    @Test
    void poisonPillIsDeadLetteredTheConsumerKeepsWorkingAndAnAdminCanRedriveIt() throws Exception {
        byte[] garbage = new byte[64];
        new Random().nextBytes(garbage);
        garbage[0] = 0x42;
        String marker = UUID.randomUUID().toString();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, io.platform.test.TestKafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.NAMESPACE_REQUESTS.name(), null, "poison".getBytes(StandardCharsets.UTF_8),
                    garbage, List.of(new RecordHeader("x-marker", marker.getBytes(StandardCharsets.UTF_8))))).get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EventProbe.readRaw(Topics.NAMESPACE_REQUESTS.deadLetterTopic()))
                        .anySatisfy(record -> assertThat(record.value()).isEqualTo(garbage)));

        String requestId = UUID.randomUUID().toString();
        String name = unique("after-poison");
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name, requested(requestId, spec(name, "development", "micro", "open")));
        awaitEvent(NamespaceProvisioned.class, requestId);

        assertThat(post("/api/v1/admin/dlt/" + Topics.NAMESPACE_REQUESTS.name() + "/redrive", "rbac-admin").status())
                .isEqualTo(403);
        assertThat(post("/api/v1/admin/dlt/" + Topics.NAMESPACE_REQUESTS.deadLetterTopic() + "/redrive", "platform-admin")
                .status()).isEqualTo(400);
        assertThat(post("/api/v1/admin/dlt/no.such.topic.v1/redrive", "platform-admin").status()).isEqualTo(404);
        assertThat(post("/api/v1/admin/dlt/bad%24topic/redrive", "platform-admin").status()).isEqualTo(400);
        Answer redriven = post("/api/v1/admin/dlt/" + Topics.NAMESPACE_REQUESTS.name() + "/redrive", "platform-admin");
        assertThat(redriven.status()).isEqualTo(200);
        assertThat(redriven.body()).contains("\"deadLetterTopic\":\"platform.namespace.requests.v1-dlt\"")
                .doesNotContain("\"redriven\":0");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                EventProbe.readRaw(Topics.NAMESPACE_REQUESTS.name()).stream()
                        .filter(record -> java.util.Arrays.equals(record.value(), garbage)).toList())
                .hasSize(2)
                .allSatisfy(record -> assertThat(new String(record.headers().lastHeader("x-marker").value(),
                        StandardCharsets.UTF_8)).isEqualTo(marker))
                .anySatisfy(record -> assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull()));
        Answer nothingNew = post("/api/v1/admin/dlt/" + Topics.NAMESPACE_REQUESTS.name() + "/redrive?limit=5", "platform-admin");
        assertThat(nothingNew.status()).isEqualTo(200);
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** Creates a namespace and answers for rbac-service; returns the create request's id. */
    private String readyNamespace(String name, String team, String tier, String mode, String... features) {
        String requestId = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_REQUESTS, name,
                requested(requestId, spec(name, team, "development", tier, mode, List.of(features))));
        awaitEvent(PoliciesApplied.class, requestId);
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, rbacApplied(requestId, name, team));
        awaitEvent(NamespaceReady.class, requestId);
        return requestId;
    }

    private void assertExactlyOnce(String requestId, String name) {
        List<ConsumerRecord<String, NamespaceProvisioned>> provisioned = EventProbe.read(Topics.NAMESPACE_EVENTS,
                NamespaceProvisioned.class, e -> e.getEnvelope().getRequestId().equals(requestId));
        assertThat(provisioned).hasSize(1);
        assertThat(EventProbe.read(Topics.NAMESPACE_EVENTS, PoliciesApplied.class,
                e -> e.getEnvelope().getRequestId().equals(requestId))).hasSize(1);
        assertThat(cluster.namespaces().list().getItems()).filteredOn(ns -> ns.getMetadata().getName().equals(name)).hasSize(1);
        assertThat(cluster.resourceQuotas().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(cluster.limitRanges().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from requests where request_id = ?").param(requestId).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from outbox o where o.event_key = ? and o.event_type like '%NamespaceProvisioned'")
                .param(name).query(Long.class).single()).isEqualTo(1L);
    }

    private void assertNothingLeft(String name) {
        assertThat(cluster.namespaces().withName(name).get()).isNull();
        assertThat(cluster.resourceQuotas().inNamespace(name).list().getItems()).isEmpty();
        assertThat(cluster.limitRanges().inNamespace(name).list().getItems()).isEmpty();
        assertThat(cluster.network().v1().networkPolicies().inNamespace(name).list().getItems()).isEmpty();
    }

    private <T extends org.apache.avro.specific.SpecificRecord> T awaitEvent(Class<T> type, String requestId) {
        return EventProbe.awaitEvent(Topics.NAMESPACE_EVENTS, type, e ->
                EventEnvelopes.of(e).getRequestId().equals(requestId));
    }

    private String status(String requestId) {
        return jdbc.sql("select status from requests where request_id = ?").param(requestId).query(String.class).single();
    }

    private String prometheus() {
        return RestClient.create("http://localhost:" + port).get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    record Answer(int status, String body) {
    }

    private Answer post(String path, String client) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).post()
                .uri(java.net.URI.create("http://localhost:" + port + path));
        if (client != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token(client));
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static RbacApplied rbacApplied(String requestId, String name, String team) {
        return RbacApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-applied", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setTeam(team).setSubjectGroup("team-" + team).setClusterRole("admin")
                .setRoleBinding("team-" + team + "-admin").build();
    }

    private static String derivedId(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "any", "any", Instant.EPOCH).getEventId();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
