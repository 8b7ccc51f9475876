package io.platform.e2e.harness;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor under every end-to-end figure: a raw produce (acks=all) → consume round trip on the same broker, at
 * the same rate, with no service, database or Kubernetes call in between.
 */
public final class KafkaRoundTrip {

    private KafkaRoundTrip() {
    }

    /** Round-trip latencies in milliseconds of {@code count} records sent at {@code perSecond}. */
    public static Percentiles measure(String bootstrapServers, int count, double perSecond) throws Exception {
        String topic = "bench.roundtrip." + UUID.randomUUID();
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            Properties consumerConfig = new Properties();
            consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            Properties producerConfig = new Properties();
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                consumer.position(partition);
                Thread reader = new Thread(() -> {
                    while (latencies.size() < count && !Thread.currentThread().isInterrupted()) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            long sent = ByteBuffer.wrap(record.value()).getLong();
                            latencies.add((System.nanoTime() - sent) / 1_000_000.0);
                        }
                    }
                }, "roundtrip-reader");
                reader.start();
                long period = (long) (1_000_000_000L / perSecond);
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    byte[] value = ByteBuffer.allocate(200).putLong(System.nanoTime()).array();
                    producer.send(new ProducerRecord<>(topic, value));
                    next += period;
                }
                producer.flush();
                reader.join(60_000);
                reader.interrupt();
            } finally {
                admin.deleteTopics(List.of(topic));
            }
            return new Percentiles(latencies);
        }
    }

}
