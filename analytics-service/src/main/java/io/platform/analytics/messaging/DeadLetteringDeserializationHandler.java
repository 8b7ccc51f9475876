package io.platform.analytics.messaging;

import io.micrometer.core.instrument.Metrics;
import io.platform.common.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of an input topic that cannot be decoded (a poison pill) goes, with its original bytes, to
 * {@code <topic>-dlt} (where audit-service records it) and processing continues. The headers follow spring-kafka's
 * dead-letter names so every dead letter of the platform reads the same.
 */
public class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);

    private KafkaProducer<byte[], byte[]> producer;
    private String group;
    // instantiated by Kafka Streams, not Spring: Boot adds its registries to the global one
    private final DeadLetters deadLetters = new DeadLetters(Metrics.globalRegistry);

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> config = new HashMap<>();
        // the same connection and credentials as the topology's own clients
        configs.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        group = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), exception.toString());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(record.topic() + "-dlt", record.partition(),
                record.key(), record.value());
        letter.headers().add("kafka_dlt-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        letter.headers().add("kafka_dlt-original-partition", java.nio.ByteBuffer.allocate(4).putInt(record.partition()).array());
        letter.headers().add("kafka_dlt-original-offset", java.nio.ByteBuffer.allocate(8).putLong(record.offset()).array());
        letter.headers().add("kafka_dlt-original-consumer-group", group.getBytes(StandardCharsets.UTF_8));
        letter.headers().add("kafka_dlt-exception-fqcn", exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
        letter.headers().add("kafka_dlt-exception-message",
                String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(letter).get(10, TimeUnit.SECONDS);
            deadLetters.counted(record.topic());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (Exception e) {
            log.error("cannot dead-letter {}-{}@{}, stopping: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return DeserializationHandlerResponse.FAIL;
        }
    }
}
