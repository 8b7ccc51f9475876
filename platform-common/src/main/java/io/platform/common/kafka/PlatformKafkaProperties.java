package io.platform.common.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.kafka.*}: how a service talks to the event backbone beyond Spring Boot's {@code spring.kafka.*}.
 *
 * @param registryUrl         schema registry root URL (scheme://host:port); the serde uses its core API, BI tools
 *                            its Confluent-compatible API
 * @param autoRegisterSchemas let producers register schemas (tests only); otherwise schemas come from the
 *                            deliberate registration step and an unregistered schema fails the send
 * @param source              this service's name in event envelopes and {@code ce_source}
 * @param transactionalIdPrefix when set, the event producer is transactional: {@link EventPublisher#publishAll}
 *                            makes several events visible atomically. Keep it stable per instance (service name plus
 *                            pod name) so a restarted instance fences its crashed predecessor's open transaction.
 *                            Deliberately not {@code spring.kafka.producer.transaction-id-prefix}, which would make a
 *                            Kafka transaction manager the default one and capture JDBC {@code @Transactional}.
 * @param createTopics        create the catalog's topics (and dead-letter topics) at start-up if missing; off where
 *                            topics are managed as code (Strimzi KafkaTopic)
 * @param replicationFactor   replication of topics created at start-up
 * @param publishTimeout      how long a synchronous publish waits for the broker's acknowledgement
 * @param retry               bounded retry of a failing record before it is dead-lettered
 */
@Validated
@ConfigurationProperties("platform.kafka")
public record PlatformKafkaProperties(
        @NotBlank @DefaultValue("http://localhost:8081") String registryUrl,
        @DefaultValue("false") boolean autoRegisterSchemas,
        @NotBlank String source,
        String transactionalIdPrefix,
        @DefaultValue("true") boolean createTopics,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @NotNull @DefaultValue("5s") Duration publishTimeout,
        @Valid @NotNull @DefaultValue Retry retry) {

    /**
     * @param attempts     retries after the first failure
     * @param initialDelay first back-off
     * @param maxDelay     back-off ceiling (exponential, factor 2)
     * @param outageMaxDelay   back-off ceiling while the failure is the infrastructure's (the database unreachable,
     *                         see {@link InfrastructureFailures}); the partition waits, nothing is dead-lettered
     * @param outageMaxElapsed how long such a record is retried before it is dead-lettered after all; a few minutes
     *                         longer than the outages the platform is expected to ride out
     */
    public record Retry(
            @Min(0) @DefaultValue("3") int attempts,
            @NotNull @DefaultValue("200ms") Duration initialDelay,
            @NotNull @DefaultValue("2s") Duration maxDelay,
            @NotNull @DefaultValue("10s") Duration outageMaxDelay,
            @NotNull @DefaultValue("15m") Duration outageMaxElapsed) {
    }
}
