package io.platform.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.schemas.TrustedEventPackages;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring shared by every service, declared once:
 * <ul>
 *   <li>an Avro (Confluent wire format) producer, acks=all and idempotent, transactional when
 *       {@code spring.kafka.producer.transaction-id-prefix} is set, behind {@link EventPublisher};</li>
 *   <li>an Avro consumer factory whose deserializers are wrapped in {@link ErrorHandlingDeserializer}, so a poison pill
 *       never stops a consumer;</li>
 *   <li>one error handler: bounded exponential back-off, then the record's raw bytes go to {@code <topic>-dlt},
 *       counted in {@code platform_dead_letters_total{topic}};</li>
 *   <li>the catalog's topics and dead-letter topics, created at start-up unless managed elsewhere.</li>
 * </ul>
 * Serdes are set here per factory, never globally through {@code spring.kafka.consumer.*} properties.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class PlatformKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformKafkaAutoConfiguration.class);

    static {
        TrustedEventPackages.install();
    }

    @Bean
    @ConditionalOnMissingBean
    public RegistrySettings registrySettings(PlatformKafkaProperties properties) {
        return new RegistrySettings(RegistrySettings.forRoot(properties.registryUrl()).url(), properties.autoRegisterSchemas());
    }

    @Bean
    @ConditionalOnMissingBean(ProducerFactory.class)
    public ProducerFactory<String, SpecificRecord> eventProducerFactory(KafkaProperties kafka, RegistrySettings registry,
                                                                        PlatformKafkaProperties properties,
                                                                        ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
        // the factory configures the serializer instances with this map: the serde settings must be in it
        config.putAll(EventSerdes.config(registry));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), EventSerdes.valueSerializer(registry));
        if (properties.transactionalIdPrefix() != null && !properties.transactionalIdPrefix().isBlank()) {
            factory.setTransactionIdPrefix(properties.transactionalIdPrefix());
        }
        meters.ifAvailable(registry1 -> factory.addListener(new MicrometerProducerListener<>(registry1)));
        return factory;
    }

    @Bean
    @ConditionalOnMissingBean(KafkaTemplate.class)
    public KafkaTemplate<String, SpecificRecord> kafkaTemplate(ProducerFactory<String, SpecificRecord> producerFactory,
                                                               KafkaProperties kafka) {
        KafkaTemplate<String, SpecificRecord> template = new KafkaTemplate<>(producerFactory);
        // Boot's switch, honoured here too: with a tracer on the class path each send is observed and the W3C trace
        // context (traceparent) goes into the record's headers
        template.setObservationEnabled(kafka.getTemplate().isObservationEnabled());
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    public EventPublisher eventPublisher(KafkaTemplate<String, SpecificRecord> kafkaTemplate, PlatformKafkaProperties properties) {
        return new EventPublisher(kafkaTemplate, properties.publishTimeout());
    }

    @Bean
    @ConditionalOnMissingBean(ConsumerFactory.class)
    public ConsumerFactory<String, SpecificRecord> eventConsumerFactory(KafkaProperties kafka, RegistrySettings registry,
                                                                        ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildConsumerProperties());
        config.putAll(EventSerdes.config(registry));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        DefaultKafkaConsumerFactory<String, SpecificRecord> factory = new DefaultKafkaConsumerFactory<>(config,
                new ErrorHandlingDeserializer<>(new StringDeserializer()),
                new ErrorHandlingDeserializer<>(EventSerdes.<SpecificRecord>valueDeserializer(registry)));
        // the Kafka client's own metrics, consumer lag among them (kafka_consumer_fetch_manager_records_lag_max)
        meters.ifAvailable(registry1 -> factory.addListener(new MicrometerConsumerListener<>(registry1)));
        return factory;
    }

    /**
     * Boot's listener container factory settings (concurrency, ack mode, the error handler below) over the Avro
     * consumer factory. No Kafka transaction manager is attached: handlers are idempotent and publish through
     * {@link EventPublisher}, see each service's README for its consistency mechanism.
     */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<String, SpecificRecord> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, (ConsumerFactory) consumerFactory);
        return factory;
    }

    /**
     * Dead letters are written without a transaction, with the original bytes when the record could not be
     * deserialized, or re-serialized when it was processed and failed.
     */
    @Bean
    @ConditionalOnMissingBean(name = "deadLetterTemplate")
    public KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka, RegistrySettings registry) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
        config.putAll(EventSerdes.config(registry));
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(SpecificRecord.class, EventSerdes.valueSerializer(registry));
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                new DelegatingByTypeSerializer(byType, true), new DelegatingByTypeSerializer(byType, true));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    public DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> deadLetterTemplate, PlatformKafkaProperties properties,
                                                 ObjectProvider<MeterRegistry> meters) {
        DeadLetters deadLetters = new DeadLetters(meters.getIfAvailable());
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> {
                    log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            rootMessage(exception));
                    deadLetters.counted(record.topic());
                    return new TopicPartition(record.topic() + "-dlt", record.partition());
                });
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialDelay().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxDelay().toMillis());
        backOff.setMaxAttempts(properties.retry().attempts());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // the database or the registry being down is not the record's fault: wait for it (the partition waits)
        // instead of dead-lettering every record in flight after a second of retries
        InfrastructureFailures.apply(handler, outageBackOff(properties.retry()));
        handler.addNotRetryableExceptions(PermanentEventFailure.class, IllegalArgumentException.class,
                ClassCastException.class);
        return handler;
    }

    /** The back-off for a record that fails because the infrastructure is down (bounded by total elapsed time). */
    public static ExponentialBackOff outageBackOff(PlatformKafkaProperties.Retry retry) {
        ExponentialBackOff outage = new ExponentialBackOff(Math.max(retry.initialDelay().toMillis(), 500), 2.0);
        outage.setMaxInterval(retry.outageMaxDelay().toMillis());
        outage.setMaxElapsedTime(retry.outageMaxElapsed().toMillis());
        return outage;
    }

    @Bean
    @ConditionalOnProperty(prefix = "platform.kafka", name = "create-topics", havingValue = "true", matchIfMissing = true)
    public KafkaAdmin.NewTopics platformTopics(PlatformKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            topics.add(new NewTopic(topic.name(), topic.partitions(), properties.replicationFactor()).configs(topic.topicConfig()));
            topics.add(new NewTopic(topic.deadLetterTopic(), topic.partitions(), properties.replicationFactor())
                    .configs(Map.of("retention.ms", Long.toString(java.time.Duration.ofDays(30).toMillis()))));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
