package io.platform.audit.config;

import io.platform.common.kafka.InfrastructureFailures;
import io.platform.common.kafka.PermanentEventFailure;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.platform.common.kafka.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * audit-service's own listener container factories, so that storing an event needs no generated class:
 * <ul>
 *   <li>{@code auditEventListenerContainerFactory}: platform topics, values decoded as Avro {@code GenericRecord}s
 *       with their writer schema (wrapped in {@link ErrorHandlingDeserializer});</li>
 *   <li>{@code auditDeadLetterListenerContainerFactory}: {@code -dlt} topics as raw bytes.</li>
 * </ul>
 * The consumer factories are plain objects, not beans, so platform-common's default {@code ConsumerFactory},
 * {@code kafkaListenerContainerFactory} and error handler stay in place.
 *
 * <p>Both are batch listeners: each poll is stored in one database transaction, offsets are committed afterwards.
 *
 * <p>Error handling differs from the platform default on purpose: a compliance store must not lose or mis-file an
 * event because its own database is briefly down, so failures are retried without limit (bounded back-off interval),
 * and only records that can never be stored (poison pills, mapping errors) are dead-lettered; a dead letter that can
 * never be stored is logged and skipped (there is no dead-letter topic of a dead-letter topic).
 */
@Configuration(proxyBeanMethods = false)
public class AuditKafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditKafkaConfiguration.class);

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConcurrentKafkaListenerContainerFactory<Object, Object> auditEventListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties kafka, RegistrySettings registry,
            PlatformKafkaProperties platform, AuditProperties audit,
            @Qualifier("deadLetterTemplate") KafkaTemplate<Object, Object> deadLetterTemplate,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = consumerConfig(kafka, audit);
        // Spring re-configures the deserializers with the consumer's map: the registry settings (cached schema ids
        // kept when a refresh fails) must be in it, or they are lost
        config.putAll(EventSerdes.genericConfig(registry));
        DefaultKafkaConsumerFactory<String, Object> consumerFactory = new DefaultKafkaConsumerFactory<>(config,
                new ErrorHandlingDeserializer<>(new StringDeserializer()),
                new ErrorHandlingDeserializer<>(EventSerdes.genericValueDeserializer(registry)));
        meters.ifAvailable(meterRegistry -> consumerFactory.addListener(new MicrometerConsumerListener<>(meterRegistry)));
        DeadLetters deadLetters = new DeadLetters(meters.getIfAvailable());
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, (ConsumerFactory) consumerFactory);
        batches(factory, audit);
        DeadLetterPublishingRecoverer toDeadLetterTopic = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> {
                    log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            rootMessage(exception));
                    deadLetters.counted(record.topic());
                    return new TopicPartition(record.topic() + "-dlt", record.partition());
                });
        factory.setCommonErrorHandler(errorHandler(toDeadLetterTopic, platform));
        return factory;
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConcurrentKafkaListenerContainerFactory<Object, Object> auditDeadLetterListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties kafka, PlatformKafkaProperties platform,
            AuditProperties audit, ObjectProvider<MeterRegistry> meters) {
        DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(consumerConfig(kafka, audit),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        meters.ifAvailable(meterRegistry -> consumerFactory.addListener(new MicrometerConsumerListener<>(meterRegistry)));
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, (ConsumerFactory) consumerFactory);
        batches(factory, audit);
        ConsumerRecordRecoverer logAndSkip = (record, exception) -> log.error(
                "cannot store dead letter {}-{}@{}, skipping it: {}", record.topic(), record.partition(), record.offset(),
                rootMessage(exception));
        factory.setCommonErrorHandler(errorHandler(logAndSkip, platform));
        return factory;
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka, AuditProperties audit) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, audit.kafka().maxPollRecords());
        return config;
    }

    /** One database transaction per poll; offsets are committed after it (ack mode BATCH). */
    private static void batches(ConcurrentKafkaListenerContainerFactory<Object, Object> factory, AuditProperties audit) {
        factory.setBatchListener(true);
        factory.setConcurrency(audit.kafka().concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    }

    static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer recoverer, PlatformKafkaProperties platform) {
        ExponentialBackOff backOff = new ExponentialBackOff(platform.retry().initialDelay().toMillis(), 2.0);
        backOff.setMaxInterval(platform.retry().maxDelay().toMillis());
        // no maxAttempts/maxElapsedTime: retried until it works. The listener names a record it cannot map
        // (BatchListenerFailedException): its cause decides; deserialization failures are never retried.
        // A failing database write is wrapped in AuditStoreUnavailable and retried with the whole batch.
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // a record the deserializer could not read because the registry was unreachable is retried like a database
        // failure (without limit); any other deserialization failure is a poison pill, dead-lettered at once
        InfrastructureFailures.apply(handler, null);
        handler.addNotRetryableExceptions(PermanentEventFailure.class, IllegalArgumentException.class,
                ClassCastException.class, NullPointerException.class);
        return handler;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
