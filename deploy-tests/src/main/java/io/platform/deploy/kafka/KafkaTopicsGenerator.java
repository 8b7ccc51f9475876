package io.platform.deploy.kafka;

import io.platform.schemas.topic.CleanupPolicy;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Strimzi {@code KafkaTopic} manifests of every topic of the topic catalog ({@link Topics#ALL}) and of its
 * dead-letter topic, so that the topics on a cluster cannot drift from what the services are built against.
 *
 * <pre>
 * ./mvnw -q -f deploy-tests/pom.xml compile exec:java        # writes deploy/kafka/10-topics.yaml
 * </pre>
 *
 * {@code KafkaTopicsAreGeneratedFromTheCatalogTest} fails when the file differs from what this class renders.
 */
public final class KafkaTopicsGenerator {

    public static final String REGENERATE_COMMAND = "./mvnw -q -f deploy-tests/pom.xml compile exec:java";
    public static final String NAMESPACE = "platform-system";
    public static final String CLUSTER = "platform-kafka";
    public static final int REPLICAS = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    /**
     * Dead-letter topics: raw bytes, deleted after 30 days. Mirrors the dead-letter topics platform-common creates
     * itself where topics are not managed as code ({@code PlatformKafkaAutoConfiguration#platformTopics}).
     */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private KafkaTopicsGenerator() {
    }

    /** The topic-level configuration of a catalog topic on the cluster: the catalog's plus the durability floor. */
    public static Map<String, String> topicConfig(TopicSpec<?> topic) {
        Map<String, String> config = new TreeMap<>(topic.topicConfig());
        config.put("min.insync.replicas", Integer.toString(MIN_IN_SYNC_REPLICAS));
        return config;
    }

    public static Map<String, String> deadLetterTopicConfig() {
        Map<String, String> config = new TreeMap<>();
        config.put("cleanup.policy", CleanupPolicy.DELETE.value());
        config.put("retention.ms", Long.toString(DEAD_LETTER_RETENTION.toMillis()));
        config.put("min.insync.replicas", Integer.toString(MIN_IN_SYNC_REPLICAS));
        return config;
    }

    public static String render() {
        return render(Topics.ALL);
    }

    static String render(List<? extends TopicSpec<?>> topics) {
        StringBuilder out = new StringBuilder();
        out.append("# GENERATED from the topic catalog (io.platform.schemas.topic.Topics) by\n");
        out.append("# io.platform.deploy.kafka.KafkaTopicsGenerator. Do not edit: change the catalog, then run\n");
        out.append("#   ").append(REGENERATE_COMMAND).append('\n');
        out.append("# Every topic of the catalog and its dead-letter topic: ").append(REPLICAS)
                .append(" replicas, min.insync.replicas=").append(MIN_IN_SYNC_REPLICAS).append(".\n");
        for (TopicSpec<?> topic : topics) {
            appendTopic(out, topic.name(), "events", topic.partitions(), topicConfig(topic),
                    "key: " + topic.keyDescription());
            appendTopic(out, topic.deadLetterTopic(), "dead-letters", topic.partitions(), deadLetterTopicConfig(),
                    "records of " + topic.name() + " a consumer could not process (raw bytes)");
        }
        return out.toString();
    }

    private static void appendTopic(StringBuilder out, String name, String kind, int partitions,
                                    Map<String, String> config, String description) {
        out.append("---\n");
        out.append("# ").append(description).append('\n');
        out.append("apiVersion: kafka.strimzi.io/v1beta2\n");
        out.append("kind: KafkaTopic\n");
        out.append("metadata:\n");
        out.append("  name: ").append(name).append('\n');
        out.append("  namespace: ").append(NAMESPACE).append('\n');
        out.append("  labels:\n");
        out.append("    strimzi.io/cluster: ").append(CLUSTER).append('\n');
        out.append("    app.kubernetes.io/part-of: namespace-platform\n");
        out.append("    platform.io/topic-kind: ").append(kind).append('\n');
        out.append("spec:\n");
        out.append("  topicName: ").append(name).append('\n');
        out.append("  partitions: ").append(partitions).append('\n');
        out.append("  replicas: ").append(REPLICAS).append('\n');
        out.append("  config:\n");
        config.forEach((key, value) -> out.append("    ").append(key).append(": \"").append(value).append("\"\n"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KafkaTopicsGenerator <output file, e.g. deploy/kafka/10-topics.yaml>");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.printf("wrote %d KafkaTopics (%d catalog topics and their dead-letter topics) to %s%n",
                Topics.ALL.size() * 2, Topics.ALL.size(), target);
    }
}
