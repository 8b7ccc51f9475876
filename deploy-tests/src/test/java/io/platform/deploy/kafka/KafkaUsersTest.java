package io.platform.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.deploy.DeployLayout;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The intent of deploy/kafka/20-users.yaml, stated as who may read and write which topic. */
class KafkaUsersTest {

    static final KafkaUsers USERS = KafkaUsers.load(DeployLayout.resolve("kafka/20-users.yaml"));

    @Test
    void everyServiceHasAUserAndSoDoExternalProducersAndBiReaders() {
        assertThat(USERS.users()).containsAll(DeployLayout.SERVICES).contains("external-producer", "bi-reader");
    }

    @Test
    void onlyTheGatewayAndNamedExternalProducersMayWriteTheRequestTopic() {
        // Given every user
        Set<String> writers = USERS.users().stream()
                .filter(user -> USERS.canWrite(user, Topics.NAMESPACE_REQUESTS.name()))
                .collect(Collectors.toSet());

        // Then exactly these write requests: the gateway, the named external producer and the operator's redrive
        assertThat(writers).containsExactlyInAnyOrder("gateway-service", "external-producer", "dlt-redrive");
    }

    @Test
    void eachTopicIsWrittenOnlyByItsOwners() {
        // Given the owners of each topic (DESIGN.md § 1 and 2)
        Map<TopicSpec<?>, Set<String>> producers = Map.of(
                Topics.NAMESPACE_REQUESTS, Set.of("gateway-service", "external-producer"),
                Topics.NAMESPACE_EVENTS, Set.of("provisioning-service", "rbac-service"),
                Topics.CATALOG, Set.of("catalog-service"),
                Topics.SERVICE_INSTANCES, Set.of("catalog-service", "provisioning-service"),
                Topics.RBAC_EVENTS, Set.of("rbac-service"),
                Topics.ANALYTICS_NAMESPACE_COSTS, Set.of("analytics-service"),
                Topics.ANALYTICS_TEAM_COSTS_DAILY, Set.of("analytics-service"));
        assertThat(producers.keySet()).as("every catalog topic has its owners here").containsExactlyInAnyOrderElementsOf(Topics.ALL);

        // Then nobody else can write it (but the redrive, which puts dead letters back where they came from)
        producers.forEach((topic, owners) -> assertThat(USERS.users().stream()
                .filter(user -> USERS.canWrite(user, topic.name())).collect(Collectors.toSet()))
                .as("writers of %s", topic.name()).isEqualTo(withRedrive(owners)));
    }

    private static Set<String> withRedrive(Set<String> owners) {
        Set<String> writers = new java.util.HashSet<>(owners);
        writers.add("dlt-redrive");
        return writers;
    }

    @Test
    void theRedriveReadsOnlyDeadLettersAndWritesOnlyCatalogTopics() {
        assertThat(Topics.ALL).allSatisfy(topic -> {
            assertThat(USERS.canRead("dlt-redrive", topic.deadLetterTopic())).isTrue();
            assertThat(USERS.canRead("dlt-redrive", topic.name())).isFalse();
            assertThat(USERS.canWrite("dlt-redrive", topic.name())).isTrue();
            assertThat(USERS.canWrite("dlt-redrive", topic.deadLetterTopic())).isFalse();
        });
    }

    @Test
    void eachServiceReadsWhatItsReadmeSaysItConsumes() {
        Map<String, Set<TopicSpec<?>>> consumes = Map.of(
                "gateway-service", Set.of(Topics.NAMESPACE_REQUESTS, Topics.NAMESPACE_EVENTS, Topics.CATALOG),
                "provisioning-service", Set.of(Topics.NAMESPACE_REQUESTS, Topics.NAMESPACE_EVENTS, Topics.CATALOG,
                        Topics.SERVICE_INSTANCES),
                "rbac-service", Set.of(Topics.NAMESPACE_EVENTS),
                "catalog-service", Set.of(Topics.NAMESPACE_EVENTS, Topics.SERVICE_INSTANCES),
                "analytics-service", Set.of(Topics.NAMESPACE_EVENTS, Topics.CATALOG, Topics.SERVICE_INSTANCES,
                        Topics.RBAC_EVENTS),
                "audit-service", Set.copyOf(Topics.ALL),
                "bi-reader", Set.of(Topics.ANALYTICS_NAMESPACE_COSTS, Topics.ANALYTICS_TEAM_COSTS_DAILY),
                "external-producer", Set.of());
        consumes.forEach((user, topics) -> {
            Set<String> readable = Topics.ALL.stream().filter(topic -> USERS.canRead(user, topic.name()))
                    .map(TopicSpec::name).collect(Collectors.toSet());
            assertThat(readable).as("topics %s can read", user)
                    .isEqualTo(topics.stream().map(TopicSpec::name).collect(Collectors.toSet()));
        });
    }

    @Test
    void everyConsumerMayDeadLetterWhatItConsumesAndNothingElse() {
        for (String user : USERS.users()) {
            for (TopicSpec<?> topic : Topics.ALL) {
                // a service dead-letters the records of its topics; BI tools and external systems are not the platform
                boolean platformConsumer = DeployLayout.SERVICES.contains(user) && USERS.canRead(user, topic.name());
                assertThat(USERS.canWrite(user, topic.deadLetterTopic()))
                        .as("%s may write %s", user, topic.deadLetterTopic()).isEqualTo(platformConsumer);
            }
        }
    }

    @Test
    void auditServiceReadsEveryTopicAndEveryDeadLetterTopicAndWritesNoEventTopic() {
        for (TopicSpec<?> topic : Topics.ALL) {
            assertThat(USERS.canRead("audit-service", topic.name())).isTrue();
            assertThat(USERS.canRead("audit-service", topic.deadLetterTopic())).isTrue();
            assertThat(USERS.canWrite("audit-service", topic.name())).isFalse();
        }
    }

    @Test
    void biReadersReadTheAnalyticsTopicsOnlyAndWriteNothing() {
        List<String> writable = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            if (USERS.canWrite("bi-reader", topic.name()) || USERS.canWrite("bi-reader", topic.deadLetterTopic())) {
                writable.add(topic.name());
            }
        }
        assertThat(writable).isEmpty();
        assertThat(USERS.canRead("bi-reader", Topics.ANALYTICS_NAMESPACE_COSTS.name())).isTrue();
        assertThat(USERS.canRead("bi-reader", Topics.ANALYTICS_TEAM_COSTS_DAILY.name())).isTrue();
        assertThat(USERS.allows("bi-reader", AclOperation.READ, ResourceType.GROUP, "bi-superset")).isTrue();
        assertThat(USERS.allows("bi-reader", AclOperation.READ, ResourceType.GROUP, "audit-service")).isFalse();
        assertThat(USERS.quotas("bi-reader")).containsKey("consumerByteRate");
    }

    @Test
    void transactionalProducersMayUseOnlyTheirOwnTransactionalIds() {
        assertThat(USERS.allows("provisioning-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID,
                "provisioning-provisioning-service-7c9d-0")).isTrue();
        assertThat(USERS.allows("rbac-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, "rbac-pod-0")).isTrue();
        assertThat(USERS.allows("rbac-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID,
                "provisioning-pod-0")).isFalse();
        assertThat(USERS.allows("gateway-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, "gateway-0")).isFalse();
    }

    @Test
    void consumerGroupsAreConfinedToEachServicesOwnPrefix() {
        for (String service : DeployLayout.SERVICES) {
            assertThat(USERS.allows(service, AclOperation.READ, ResourceType.GROUP, service)).isTrue();
            assertThat(USERS.allows(service, AclOperation.READ, ResourceType.GROUP, service + "-catalog-replica-1f2e")).isTrue();
            DeployLayout.SERVICES.stream().filter(other -> !other.equals(service)).forEach(other ->
                    assertThat(USERS.allows(service, AclOperation.READ, ResourceType.GROUP, other))
                            .as("%s joins %s's group", service, other).isFalse());
        }
    }

    @Test
    void noUserHasClusterWideOrWildcardRightsAndEveryLiteralTopicExists() {
        Set<String> known = Topics.ALL.stream().flatMap(t -> java.util.stream.Stream.of(t.name(), t.deadLetterTopic()))
                .collect(Collectors.toSet());
        for (String user : USERS.users()) {
            for (KafkaUsers.Acl acl : USERS.acls(user)) {
                assertThat(acl.resourceType()).as("%s: no cluster ACLs", user).isNotEqualTo(ResourceType.CLUSTER);
                assertThat(acl.name()).as("%s: no wildcard resources", user).isNotEqualTo("*");
                assertThat(acl.operations()).as("%s: no All", user).doesNotContain(AclOperation.ALL);
                if (acl.resourceType() == ResourceType.TOPIC && acl.patternType() == PatternType.LITERAL) {
                    assertThat(known).as("%s names topic %s, which is not in the catalog", user, acl.name()).contains(acl.name());
                }
            }
        }
    }

    @Test
    void analyticsStreamsMayManageOnlyItsOwnInternalTopics() {
        assertThat(USERS.allows("analytics-service", AclOperation.CREATE, ResourceType.TOPIC,
                "analytics-service-costs-store-changelog")).isTrue();
        assertThat(USERS.allows("analytics-service", AclOperation.CREATE, ResourceType.TOPIC, "platform.catalog.v1")).isFalse();
        assertThat(USERS.allows("analytics-service", AclOperation.DELETE, ResourceType.TOPIC, "platform.namespace.events.v1")).isFalse();
    }
}
