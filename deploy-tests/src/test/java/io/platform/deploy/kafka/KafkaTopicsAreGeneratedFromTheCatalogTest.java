package io.platform.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.platform.deploy.DeployLayout;
import io.platform.deploy.Manifests;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KafkaTopicsAreGeneratedFromTheCatalogTest {

    private static final Path TOPICS = DeployLayout.resolve("kafka/10-topics.yaml");

    @Test
    void topicsFileIsExactlyWhatTheGeneratorRendersFromTheCurrentCatalog() throws IOException {
        // Given the committed KafkaTopic manifests and the catalog the services are built against
        String committed = Files.readString(TOPICS);

        // Then they are identical: a changed catalog must be regenerated, never edited by hand
        assertThat(committed)
                .as("deploy/kafka/10-topics.yaml is out of date with the topic catalog (io.platform.schemas.topic.Topics). "
                        + "Regenerate it from the repository root with:  " + KafkaTopicsGenerator.REGENERATE_COMMAND)
                .isEqualTo(KafkaTopicsGenerator.render());
    }

    @Test
    void everyCatalogTopicAndItsDeadLetterTopicHasAKafkaTopicWithTheCatalogsShape() {
        // Given the KafkaTopics as Kubernetes objects
        Map<String, GenericKubernetesResource> byTopic = new LinkedHashMap<>();
        for (HasMetadata object : Manifests.read(TOPICS)) {
            GenericKubernetesResource topic = (GenericKubernetesResource) object;
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getKind()).isEqualTo("KafkaTopic");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "platform-kafka");
            byTopic.put(topic.get("spec", "topicName"), topic);
        }

        // Then each catalog topic is there with its partitions, 3 replicas, min.insync.replicas 2 and its retention,
        // and so is its dead-letter topic; nothing else is
        assertThat(byTopic).hasSize(Topics.ALL.size() * 2);
        for (TopicSpec<?> spec : Topics.ALL) {
            GenericKubernetesResource topic = byTopic.get(spec.name());
            assertThat(topic).as("KafkaTopic for %s", spec.name()).isNotNull();
            assertThat(topic.<Integer>get("spec", "partitions")).isEqualTo(spec.partitions());
            assertThat(topic.<Integer>get("spec", "replicas")).isEqualTo(3);
            Map<String, String> expected = new TreeMap<>(spec.topicConfig());
            expected.put("min.insync.replicas", "2");
            assertThat(config(topic)).as("config of %s", spec.name()).isEqualTo(expected);

            GenericKubernetesResource deadLetters = byTopic.get(spec.deadLetterTopic());
            assertThat(deadLetters).as("KafkaTopic for %s", spec.deadLetterTopic()).isNotNull();
            assertThat(deadLetters.<Integer>get("spec", "partitions")).isEqualTo(spec.partitions());
            assertThat(deadLetters.<Integer>get("spec", "replicas")).isEqualTo(3);
            assertThat(config(deadLetters)).containsEntry("cleanup.policy", "delete").containsEntry("min.insync.replicas", "2")
                    .containsEntry("retention.ms", Long.toString(KafkaTopicsGenerator.DEAD_LETTER_RETENTION.toMillis()));
        }
    }

    @Test
    void compactedTopicsKeepTheirKeysForeverAndDeleteTopicsExpire() {
        // Given the catalog
        for (TopicSpec<?> spec : Topics.ALL) {
            Map<String, String> config = KafkaTopicsGenerator.topicConfig(spec);
            // Then the generated config says what the catalog says
            if (spec.retention() == null) {
                assertThat(config).as(spec.name()).containsEntry("retention.ms", "-1");
            } else {
                assertThat(config).as(spec.name()).containsEntry("retention.ms", Long.toString(spec.retention().toMillis()));
            }
            assertThat(config).containsEntry("cleanup.policy", spec.cleanupPolicy().value());
        }
    }

    private static Map<String, String> config(GenericKubernetesResource topic) {
        Map<String, Object> raw = topic.get("spec", "config");
        Map<String, String> config = new TreeMap<>();
        raw.forEach((key, value) -> config.put(key, String.valueOf(value)));
        return config;
    }
}
