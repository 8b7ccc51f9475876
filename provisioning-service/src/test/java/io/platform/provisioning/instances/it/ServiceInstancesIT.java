package io.platform.provisioning.instances.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeletionRequested;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.instances.ServiceInstanceFailed;
import io.platform.events.instances.ServiceInstanceRequested;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.provisioning.instances.BuiltinTemplateFiles;
import io.platform.provisioning.instances.kubernetes.CrudApiServer;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Service instances end to end inside provisioning-service: real broker, registry and PostgreSQL, the catalog's own
 * built-in templates on the catalog topic, requests published as catalog-service (or any other producer) would, and
 * fabric8's CRUD mock as the API server. The mock stores objects but runs no controllers: a Deployment gets no pods and
 * a StatefulSet no volume claims, so these tests check the objects the platform writes, not what a cluster makes of them.
 *
 * <p>The context holds the instances package with the platform's auto-configuration (Kafka, catalog replica, Flyway,
 * JDBC), not the namespace saga, so that these tests depend on nothing but the instances' own code.
 */
@SpringBootTest(classes = {ServiceInstancesIT.InstancesOnly.class, ServiceInstancesIT.MockApiServer.class},
        properties = {"platform.provisioning.instances.sweep-interval=1s", "platform.provisioning.instances.namespace-wait=60s"})
class ServiceInstancesIT {

    private static final CrudApiServer KUBERNETES = CrudApiServer.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "provisioning");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan("io.platform.provisioning.instances")
    @ConfigurationPropertiesScan("io.platform.provisioning.instances")
    static class InstancesOnly {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MockApiServer {
        @Bean
        @Primary
        KubernetesClient instancesMockKubernetesClient() {
            return KUBERNETES.client();
        }
    }

    @Autowired
    CatalogReplica catalog;

    private final KubernetesClient cluster = KUBERNETES.client();

    @BeforeEach
    void catalogHoldsTheTiersAndTheBuiltInTemplates() {
        if (catalog.template("cron-job", "1.0.0").isEmpty()) {
            EventProbe.publish(Topics.CATALOG, "tier:small", BuiltinTemplateFiles.tier("small", "2", "4Gi", "20Gi", 10, 5));
            EventProbe.publish(Topics.CATALOG, "tier:micro", BuiltinTemplateFiles.tier("micro", "1", "2Gi", "10Gi", 5, 3));
            for (String name : BuiltinTemplateFiles.names()) {
                EventProbe.publish(Topics.CATALOG, CatalogReplica.templateKey(name, "1.0.0"), BuiltinTemplateFiles.defined(name, "1.0.0"));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.tier("micro").isPresent()
                && BuiltinTemplateFiles.names().stream().allMatch(name -> catalog.template(name, "1.0.0").isPresent()));
    }

    private String readyNamespace(String tier) {
        String name = "apps-" + UUID.randomUUID().toString().substring(0, 8);
        cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, name, namespaceReady(name, tier));
        return name;
    }

    private static NamespaceReady namespaceReady(String name, String tier) {
        return NamespaceReady.newBuilder()
                .setEnvelope(EventEnvelopes.derived(UUID.randomUUID().toString(), "ready", "team-payments",
                        "provisioning-service", Instant.now()))
                .setSpec(NamespaceSpec.newBuilder().setName(name).setTeam("payments").setEnvironment("production")
                        .setTier(tier).setNetworkPolicy("isolated").build())
                .build();
    }

    private static ServiceInstanceRequested requested(String requestId, String namespace, String instance, String template,
                                                      String parameters) {
        return ServiceInstanceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "requested", "team-payments", "catalog-service", Instant.now()))
                .setNamespace(namespace).setInstanceName(instance).setTemplate(template).setVersion("1.0.0")
                .setParametersJson(parameters).build();
    }

    private static ConsumerRecord<String, ServiceInstanceDeployed> awaitDeployed(String requestId) {
        return EventProbe.awaitRecords(Topics.SERVICE_INSTANCES, ServiceInstanceDeployed.class,
                e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(60)).get(0);
    }

    private static ServiceInstanceFailed awaitFailed(String requestId) {
        return EventProbe.awaitRecords(Topics.SERVICE_INSTANCES, ServiceInstanceFailed.class,
                e -> e.getEnvelope().getRequestId().equals(requestId), Duration.ofSeconds(60)).get(0).value();
    }

    private List<HasMetadata> objectsOf(String namespace, String instance) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(cluster.apps().deployments().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        objects.addAll(cluster.apps().statefulSets().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        objects.addAll(cluster.services().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        objects.addAll(cluster.secrets().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        objects.addAll(cluster.batch().v1().cronjobs().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        objects.addAll(cluster.network().v1().ingresses().inNamespace(namespace).withLabel("platform.io/instance", instance).list().getItems());
        return objects;
    }

    private static String derivedId(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "x", "x", Instant.EPOCH).getEventId();
    }

    @Test
    void everyBuiltInTemplateDeploysIntoTheApiServerLabelledWithItsInstanceAndVersion() {
        String namespace = readyNamespace("small");
        List<String> parameters = List.of("{\"image\":\"ghcr.io/acme/shop:1.0\",\"replicas\":1,\"ingress\":{\"enabled\":true,\"host\":\"shop.example.com\"}}",
                "{\"database\":\"orders\"}", "{}", "{\"schedule\":\"0 3 * * *\",\"image\":\"busybox:1.36\",\"command\":[\"sh\",\"-c\",\"echo hi\"]}");
        List<String> instances = List.of("shop", "orders-db", "cache", "nightly");
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String requestId = UUID.randomUUID().toString();
            requestIds.add(requestId);
            EventProbe.publish(Topics.SERVICE_INSTANCES, namespace,
                    requested(requestId, namespace, instances.get(i), BuiltinTemplateFiles.names().get(i), parameters.get(i)));
        }

        List<ServiceInstanceDeployed> deployed = requestIds.stream().map(id -> awaitDeployed(id).value()).toList();

        assertThat(deployed).extracting(ServiceInstanceDeployed::getObjects).containsExactly(
                List.of("Deployment/shop", "Service/shop", "Ingress/shop"),
                List.of("Secret/orders-db", "Service/orders-db", "StatefulSet/orders-db"),
                List.of("Secret/cache", "Service/cache", "Deployment/cache"),
                List.of("CronJob/nightly"));
        assertThat(deployed).extracting(ServiceInstanceDeployed::getMonthlyCostCents).containsExactly(2000L, 6000L, 1500L, 500L);
        for (int i = 0; i < 4; i++) {
            String template = BuiltinTemplateFiles.names().get(i);
            List<HasMetadata> objects = objectsOf(namespace, instances.get(i));
            assertThat(objects).as(instances.get(i)).hasSize(deployed.get(i).getObjects().size())
                    .allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                            .containsEntry("platform.io/template", template)
                            .containsEntry("platform.io/template-version", "1.0.0")
                            .containsEntry("platform.io/managed", "true"));
        }
        assertThat(cluster.apps().statefulSets().inNamespace(namespace).withName("orders-db").get().getSpec()
                .getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage")).hasToString("10Gi");
        assertThat(cluster.batch().v1().cronjobs().inNamespace(namespace).withName("nightly").get().getSpec().getSchedule())
                .isEqualTo("0 3 * * *");
    }

    @Test
    void outcomesCarryWhatAuditNeeds() {
        String namespace = readyNamespace("small");
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(requestId, namespace, "cache", "redis", "{}"));
        ConsumerRecord<String, ServiceInstanceDeployed> record = awaitDeployed(requestId);

        Envelope envelope = record.value().getEnvelope();
        assertThat(record.key()).isEqualTo(namespace);
        assertThat(envelope.getEventId()).isEqualTo(derivedId(requestId, "deployed"));
        assertThat(envelope.getActor()).isEqualTo("team-payments");
        assertThat(envelope.getSource()).isEqualTo("provisioning-service");
        assertThat(record.value().getTemplate()).isEqualTo("redis");
        assertThat(record.value().getVersion()).isEqualTo("1.0.0");
        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)).isEqualTo(envelope.getEventId());
        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("io.platform.events.instances.ServiceInstanceDeployed");
        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.SUBJECT)).isEqualTo(namespace);
    }

    @Test
    void aGeneratedSecretLivesOnlyInTheClusterAndInNoEventOnAnyTopic() {
        String namespace = readyNamespace("small");
        String requestId = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(requestId, namespace, "db", "postgresql", "{}"));
        awaitDeployed(requestId);

        Secret secret = cluster.secrets().inNamespace(namespace).withName("db").get();
        String encoded = secret.getData().get("password");
        String password = new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
        assertThat(password).hasSize(32);

        List<String> topics = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            topics.add(topic.name());
            topics.add(topic.deadLetterTopic());
        }
        int scanned = 0;
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> record : EventProbe.readRaw(topic)) {
                scanned++;
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.ISO_8859_1);
                String headers = new String(java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                        .map(header -> new String(header.value(), StandardCharsets.ISO_8859_1)).reduce("", String::concat));
                assertThat(value + headers).as("a record on " + topic).doesNotContain(password).doesNotContain(encoded);
            }
        }
        assertThat(scanned).isGreaterThan(5);
    }

    @Test
    void anInstanceWithoutQuotaHeadroomFailsAndLeavesNothingInTheCluster() {
        String namespace = readyNamespace("micro");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(first, namespace, "web", "web-app",
                "{\"image\":\"nginx\",\"replicas\":1,\"cpu\":\"600m\"}"));
        awaitDeployed(first);

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(second, namespace, "worker", "web-app",
                "{\"image\":\"nginx\",\"replicas\":1,\"cpu\":\"600m\"}"));
        ServiceInstanceFailed failed = awaitFailed(second);

        assertThat(failed.getStep()).isEqualTo("quota");
        assertThat(failed.getReason()).contains("requests.cpu", "tier 'micro' allows 1", "600m are already requested");
        assertThat(failed.getEnvelope().getEventId()).isEqualTo(derivedId(second, "failed"));
        assertThat(objectsOf(namespace, "worker")).isEmpty();
        assertThat(objectsOf(namespace, "web")).hasSize(2);
    }

    @Test
    void badParametersFromAnyProducerAreRefusedNamingEachField() {
        String namespace = readyNamespace("small");
        String requestId = UUID.randomUUID().toString();

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(requestId, namespace, "nightly", "cron-job",
                "{\"schedule\":\"whenever\",\"image\":\"busybox\",\"command\":[]}"));
        ServiceInstanceFailed failed = awaitFailed(requestId);

        assertThat(failed.getStep()).isEqualTo("validate");
        assertThat(failed.getReason()).contains("parameters.schedule", "parameters.command");
        assertThat(objectsOf(namespace, "nightly")).isEmpty();
    }

    @Test
    void deletionRemovesExactlyTheInstancesObjects() {
        String namespace = readyNamespace("small");
        String cache = UUID.randomUUID().toString();
        String web = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(cache, namespace, "cache", "redis", "{}"));
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(web, namespace, "web", "web-app", "{\"image\":\"nginx\",\"replicas\":1}"));
        awaitDeployed(cache);
        awaitDeployed(web);
        cluster.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("team-settings")
                .endMetadata().addToData("mode", "blue").build()).create();

        String deletion = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, ServiceInstanceDeletionRequested.newBuilder()
                .setEnvelope(EventEnvelopes.derived(deletion, "deletion-requested", "team-payments", "catalog-service", Instant.now()))
                .setNamespace(namespace).setInstanceName("cache").build());
        ServiceInstanceDeleted deleted = EventProbe.awaitEvent(Topics.SERVICE_INSTANCES, ServiceInstanceDeleted.class,
                e -> e.getEnvelope().getRequestId().equals(deletion));

        assertThat(deleted.getInstanceName()).isEqualTo("cache");
        assertThat(deleted.getEnvelope().getEventId()).isEqualTo(derivedId(deletion, "deleted"));
        assertThat(objectsOf(namespace, "cache")).isEmpty();
        assertThat(objectsOf(namespace, "web")).hasSize(2);
        assertThat(cluster.configMaps().inNamespace(namespace).withName("team-settings").get()).isNotNull();
    }

    @Test
    void aRedeliveredRequestCreatesNothingTwiceAndRepeatsTheSameFact() {
        String namespace = readyNamespace("small");
        String requestId = UUID.randomUUID().toString();
        ServiceInstanceRequested request = requested(requestId, namespace, "cache", "redis", "{}");
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, request);
        awaitDeployed(requestId);

        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, request);
        String marker = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(marker, namespace, "marker", "cron-job",
                "{\"schedule\":\"@daily\",\"image\":\"busybox\",\"command\":[\"true\"]}"));
        awaitDeployed(marker);

        assertThat(EventProbe.read(Topics.SERVICE_INSTANCES, ServiceInstanceDeployed.class,
                e -> e.getEnvelope().getRequestId().equals(requestId)))
                .extracting(r -> r.value().getEnvelope().getEventId()).containsOnly(derivedId(requestId, "deployed"));
        assertThat(objectsOf(namespace, "cache")).hasSize(3);
    }

    @Test
    void aRequestForANamespaceNotReadyHereYetWaitsForIt() {
        String namespace = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        EventProbe.publish(Topics.SERVICE_INSTANCES, namespace, requested(requestId, namespace, "cache", "redis", "{}"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> EventProbe.read(Topics.SERVICE_INSTANCES,
                ServiceInstanceDeployed.class, e -> e.getEnvelope().getRequestId().equals(requestId)).isEmpty());

        cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, namespace, namespaceReady(namespace, "small"));

        assertThat(awaitDeployed(requestId).value().getObjects()).containsExactly("Secret/cache", "Service/cache", "Deployment/cache");
    }
}
