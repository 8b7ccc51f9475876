package io.platform.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.platform.deploy.DeployLayout;
import io.platform.deploy.Manifests;
import io.platform.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ACLs of deploy/kafka/20-users.yaml enforced by a real KRaft broker: SASL with SCRAM-SHA-512 users (as Strimzi
 * creates them) and Kafka's StandardAuthorizer (Strimzi's "simple" authorization). Users, ACLs and topics are created
 * from the KafkaUser and KafkaTopic manifests; then every user tries to write and read every topic, and the broker's
 * answers must be exactly what the manifests grant.
 */
class KafkaAclsIT {

    private static final String ADMIN_JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"plain-admin\" password=\"plain-admin-secret\";";

    private static KafkaClusterTestKit cluster;
    private static KafkaUsers users;
    private static List<String> topics;

    @BeforeAll
    static void brokerWithScramUsersAclsAndTopicsFromTheManifests() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        // SASL_PLAINTEXT makes the test kit configure PLAIN for its super user "plain-admin", the StandardAuthorizer
        // and allow.everyone.if.no.acl.found=false; the clients authenticate with SCRAM-SHA-512 like on the cluster
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();

        users = KafkaUsers.load(DeployLayout.resolve("kafka/20-users.yaml"));
        try (Admin admin = Admin.create(adminProperties())) {
            List<UserScramCredentialUpsertion> credentials = users.users().stream()
                    .map(user -> new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user)))
                    .collect(Collectors.toList());
            admin.alterUserScramCredentials(new ArrayList<>(credentials)).all().get();

            // the generated KafkaTopics, with one replica on this single broker
            List<NewTopic> newTopics = new ArrayList<>();
            for (HasMetadata object : Manifests.read(DeployLayout.resolve("kafka/10-topics.yaml"))) {
                GenericKubernetesResource topic = (GenericKubernetesResource) object;
                Map<String, Object> raw = topic.get("spec", "config");
                Map<String, String> config = new HashMap<>();
                raw.forEach((key, value) -> config.put(key, String.valueOf(value)));
                config.put("min.insync.replicas", "1");
                newTopics.add(new NewTopic(topic.get("spec", "topicName"), topic.<Integer>get("spec", "partitions"), (short) 1)
                        .configs(config));
            }
            admin.createTopics(newTopics).all().get();
            topics = newTopics.stream().map(NewTopic::name).sorted().toList();

            admin.createAcls(users.aclBindings()).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.describeAcls(AclBindingFilter.ANY).values().get().size() == users.aclBindings().size());

            // one record on partition 0 of every topic, written by the super user, for the readers to find
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(adminProperties()))) {
                for (String topic : topics) {
                    producer.send(new ProducerRecord<>(topic, 0, "seed", "seed")).get();
                }
            }
        }
        // SCRAM credentials and ACLs reach the broker through the metadata log: wait until a user can act on them
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(userProperties("gateway-service")))) {
                producer.send(new ProducerRecord<>(Topics.NAMESPACE_REQUESTS.name(), 0, "probe", "probe")).get();
                return true;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyUserCanWriteExactlyTheTopicsItsKafkaUserGrants() throws Exception {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        for (String user : users.users()) {
            // Given the topics the manifest lets this user write
            expected.put(user, topics.stream().filter(topic -> users.canWrite(user, topic)).collect(Collectors.toCollection(TreeSet::new)));

            // When it writes one record to every topic
            Set<String> written = new TreeSet<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(userProperties(user)))) {
                Map<String, Future<?>> sends = new LinkedHashMap<>();
                for (String topic : topics) {
                    sends.put(topic, producer.send(new ProducerRecord<>(topic, 0, user, "written by " + user)));
                }
                for (Map.Entry<String, Future<?>> send : sends.entrySet()) {
                    try {
                        send.getValue().get();
                        written.add(send.getKey());
                    } catch (ExecutionException refused) {
                        // Then every refusal is an authorization refusal, nothing else
                        assertThat(refused.getCause()).as("%s writing %s", user, send.getKey())
                                .isInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
            actual.put(user, written);
        }

        // Then the broker let each user write exactly what its KafkaUser grants
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.entrySet().stream().filter(e -> e.getValue().contains(Topics.NAMESPACE_REQUESTS.name()))
                .map(Map.Entry::getKey)).containsExactlyInAnyOrder("gateway-service", "external-producer", "dlt-redrive");
        assertThat(actual.get("bi-reader")).isEmpty();
    }

    @Test
    void everyUserCanReadExactlyTheTopicsItsKafkaUserGrants() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        for (String user : users.users()) {
            Set<String> readable = topics.stream().filter(topic -> users.canRead(user, topic))
                    .collect(Collectors.toCollection(TreeSet::new));
            expected.put(user, readable);

            // When the user fetches each topic from the beginning
            Set<String> read = new TreeSet<>();
            for (String topic : topics) {
                if (fetch(user, topic)) {
                    read.add(topic);
                }
            }
            actual.put(user, read);
        }

        // Then each user read exactly what its KafkaUser grants: audit everything, BI the analytics topics
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get("audit-service")).containsAll(topics);
        assertThat(actual.get("bi-reader")).containsExactlyInAnyOrder(Topics.ANALYTICS_NAMESPACE_COSTS.name(),
                Topics.ANALYTICS_TEAM_COSTS_DAILY.name());
        assertThat(actual.get("external-producer")).isEmpty();
    }

    @Test
    void consumerGroupsAreLimitedToTheUsersOwnPrefix() {
        // Given gateway-service consuming the events topic in its own group
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                consumerProperties(userProperties("gateway-service"), "gateway-service"))) {
            consumer.subscribe(List.of(Topics.NAMESPACE_EVENTS.name()));
            // Then it joins, reads and commits
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            consumer.commitSync();
        }
        // And a BI tool's group works for bi-reader
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                consumerProperties(userProperties("bi-reader"), "bi-superset"))) {
            consumer.subscribe(List.of(Topics.ANALYTICS_TEAM_COSTS_DAILY.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
        }
        // But joining another service's group is refused
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                consumerProperties(userProperties("gateway-service"), "audit-service"))) {
            consumer.subscribe(List.of(Topics.NAMESPACE_EVENTS.name()));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    consumer.poll(Duration.ofMillis(100));
                }
            }).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void transactionalProducersUseOnlyTheirOwnTransactionalIds() throws Exception {
        // Given provisioning-service's transactional producer (platform.kafka.transactional-id-prefix provisioning-<pod>-)
        Properties own = producerProperties(userProperties("provisioning-service"));
        own.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "provisioning-provisioning-service-5d8f-0");
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(own)) {
            // Then it publishes NamespaceProvisioned and PoliciesApplied atomically
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.NAMESPACE_EVENTS.name(), "checkout", "provisioned"));
            producer.send(new ProducerRecord<>(Topics.NAMESPACE_EVENTS.name(), "checkout", "policies-applied"));
            producer.commitTransaction();
        }
        // But it cannot take over rbac-service's transactional ids (and fence its producers)
        Properties foreign = producerProperties(userProperties("provisioning-service"));
        foreign.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rbac-rbac-service-7c4d-0");
        foreign.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(foreign)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void analyticsStreamsMayCreateOnlyItsOwnInternalTopics() throws Exception {
        try (Admin admin = Admin.create(userProperties("analytics-service"))) {
            // Given Kafka Streams creating a changelog topic of application id analytics-service
            admin.createTopics(List.of(new NewTopic("analytics-service-costs-store-changelog", 1, (short) 1))).all().get();
            // Then that works, but no other topic can be created
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("platform.shadow.v1", 1, (short) 1))).all().get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin admin = Admin.create(userProperties("gateway-service"))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("gateway-service-anything", 1, (short) 1))).all().get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Whether the user can fetch the seed record of the topic; false when the broker refuses with an authorization error. */
    private static boolean fetch(String user, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(userProperties(user), null))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                        return true;
                    }
                } catch (TopicAuthorizationException refused) {
                    assertThat(refused.unauthorizedTopics()).containsExactly(topic);
                    return false;
                }
            }
            throw new AssertionError(user + " neither read nor was refused " + topic + " within 20 s");
        }
    }

    private static String password(String user) {
        return user + "-scram-secret";
    }

    private static Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "PLAIN");
        properties.put("sasl.jaas.config", ADMIN_JAAS);
        return properties;
    }

    /** What a service gets from its KafkaUser's Secret and platform-config (without TLS here). */
    private static Properties userProperties(String user) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password(user) + "\";");
        return properties;
    }

    private static Properties producerProperties(Properties base) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // plain (non-idempotent) producers: a refusal is then about the topic, not about idempotent-write rights
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return properties;
    }

    private static Properties consumerProperties(Properties base, String group) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return properties;
    }
}
