package io.platform.test;

import static org.awaitility.Awaitility.await;

import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads what services publish and publishes what other systems would, against the test broker and registry, as an
 * outside client: plain Kafka clients with the platform's serdes.
 */
public final class EventProbe {

    private EventProbe() {
    }

    private static RegistrySettings registry() {
        return RegistrySettings.forRoot(TestRegistry.url());
    }

    /** Every record of the topic so far, decoded; waits until one matches, then returns all matching ones. */
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> awaitRecords(
            TopicSpec<?> topic, Class<T> type, Predicate<T> match, Duration timeout) {
        List<ConsumerRecord<String, T>> found = new CopyOnWriteArrayList<>();
        await(type.getSimpleName() + " on " + topic.name()).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    found.clear();
                    found.addAll(read(topic, type, match));
                    return !found.isEmpty();
                });
        return List.copyOf(found);
    }

    public static <T extends SpecificRecord> T awaitEvent(TopicSpec<?> topic, Class<T> type, Predicate<T> match) {
        return awaitRecords(topic, type, match, Duration.ofSeconds(30)).get(0).value();
    }

    /** Records of the topic that are of the type and match, read from the beginning (read-committed). */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(TopicSpec<?> topic, Class<T> type, Predicate<T> match) {
        List<ConsumerRecord<String, T>> result = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : readAll(topic.name())) {
            if (type.isInstance(record.value()) && match.test((T) record.value())) {
                result.add((ConsumerRecord<String, T>) (ConsumerRecord<String, ?>) record);
            }
        }
        return result;
    }

    /** Every record of the topic from the beginning, values decoded with the specific reader (null for tombstones). */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<String, Object>> readAll(String topic) {
        Properties config = consumerConfig();
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        Deserializer<Object> values = (Deserializer<Object>) (Deserializer<?>) EventSerdes.valueDeserializer(registry());
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Raw bytes of every record of a topic, e.g. a dead-letter topic. */
    public static List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Publishes an event as an external system would (Confluent wire format, no CloudEvents headers needed). */
    public static void publish(TopicSpec<?> topic, String key, SpecificRecord event) {
        Properties config = producerConfig();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                EventSerdes.valueSerializer(registry()))) {
            producer.send(new ProducerRecord<>(topic.name(), key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic.name() + " failed", e);
        }
    }

    /** Publishes arbitrary bytes, e.g. a poison pill that is not a valid record. */
    public static void publishRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
