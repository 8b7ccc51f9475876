package io.platform.provisioning.messaging;

import io.platform.provisioning.config.RedriveProperties;
import io.platform.schemas.topic.TopicSpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Re-publishes the dead letters of a topic ({@code <topic>-dlt}) to the topic itself, byte for byte: key, value and
 * headers as they are in the dead-letter topic (the original record's headers plus spring-kafka's
 * {@code kafka_dlt-*} exception headers), into the partition the record came from. A consumer group of its own
 * ({@code provisioning-service-redrive}) remembers how far each dead-letter partition was redriven, so a redrive moves
 * only what arrived since the last one; offsets are committed after the broker acknowledged every re-published record
 * (a crash in between redrives those records again, which the platform's idempotent consumers tolerate).
 */
@Component
public class DeadLetterRedrive {

    public static final String GROUP = "provisioning-service-redrive";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final KafkaProperties kafka;
    private final Map<String, String> identity;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    public DeadLetterRedrive(KafkaProperties kafka, RedriveProperties redrive) {
        this.kafka = kafka;
        this.identity = redrive.kafkaProperties();
    }

    /** What a redrive moved: per dead-letter partition and in total. */
    public record Result(String topic, String deadLetterTopic, int redriven, Map<Integer, Integer> partitions) {
    }

    /** Another redrive of the same topic is running in this instance. */
    public static class RedriveBusyException extends RuntimeException {
        RedriveBusyException(String topic) {
            super("a redrive of " + topic + " is running already");
        }
    }

    /** The broker refused the redrive (e.g. this service's Kafka user may not read the dead letters or write the topic). */
    public static class RedriveFailedException extends RuntimeException {
        RedriveFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Redrives at most {@code limit} dead letters of {@code topic} ({@code null}: all that are there now).
     *
     * @throws RedriveBusyException when a redrive of the topic is already running here
     */
    public Result redrive(TopicSpec<?> topic, Integer limit) {
        ReentrantLock lock = running.computeIfAbsent(topic.name(), name -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new RedriveBusyException(topic.name());
        }
        try {
            return move(topic.name(), topic.deadLetterTopic(), limit == null ? Integer.MAX_VALUE : limit);
        } catch (KafkaException e) {
            throw new RedriveFailedException("the broker refused the redrive of " + topic.deadLetterTopic() + " to "
                    + topic.name() + ": " + e.getMessage() + "; nothing was marked as redriven", e);
        } finally {
            lock.unlock();
        }
    }

    private Result move(String topic, String deadLetters, int limit) {
        Map<Integer, Integer> perPartition = new LinkedHashMap<>();
        int total = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetters, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return new Result(topic, deadLetters, 0, perPartition);
            }
            int targetPartitions = producer.partitionsFor(topic).size();
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(deadLetters, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> next = new HashMap<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long until = System.nanoTime() + READ_LIMIT.toNanos();
            while (total < limit && System.nanoTime() < until
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (total >= limit || record.offset() >= end.get(partition)) {
                        continue;
                    }
                    Integer target = originalPartition(record, targetPartitions);
                    sent.add(producer.send(new ProducerRecord<>(topic, target, record.key(), record.value(),
                            copy(record.headers()))));
                    next.put(partition, record.offset() + 1);
                    perPartition.merge(record.partition(), 1, Integer::sum);
                    total++;
                }
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            next.forEach((partition, offset) -> done.put(partition, new OffsetAndMetadata(offset)));
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
            log.info("redrove {} dead letters of {} back to {}", total, deadLetters, topic);
            return new Result(topic, deadLetters, total, perPartition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redrive of " + deadLetters + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RedriveFailedException("redrive of " + deadLetters + " failed after " + total
                    + " records were sent; nothing was marked as redriven: " + e.getMessage(), e);
        }
    }

    /** The partition the record was dead-lettered from (spring-kafka's header), if it exists in the topic. */
    private static Integer originalPartition(ConsumerRecord<byte[], byte[]> record, int targetPartitions) {
        Header header = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        int partition = header != null && header.value() != null && header.value().length == 4
                ? ByteBuffer.wrap(header.value()).getInt() : record.partition();
        return partition >= 0 && partition < targetPartitions ? partition : null;
    }

    private static List<Header> copy(Iterable<Header> headers) {
        List<Header> copy = new ArrayList<>();
        headers.forEach(copy::add);
        return copy;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.keySet().removeIf(key -> key.startsWith("spring.") || key.contains("deserializer"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.putAll(identity);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.keySet().removeIf(key -> key.contains("serializer"));
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(identity);
        return config;
    }
}
