package io.platform.provisioning.config;

import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.redrive.*}: the dead-letter redrive reads every {@code <topic>-dlt} and writes every
 * topic of the catalog, the request topic included, which the service's own Kafka identity may not do on a secured
 * cluster (only the gateway and named producers write requests). Its clients can therefore run as a dedicated
 * operator identity ({@code dlt-redrive} in deploy/kafka): these Kafka client properties (e.g.
 * {@code sasl.jaas.config}) are applied over the service's own for the redrive's consumer and producer only.
 *
 * @param kafkaProperties client properties overriding the service's for the redrive
 */
@Validated
@ConfigurationProperties("platform.provisioning.redrive")
public record RedriveProperties(@NotNull @DefaultValue({}) Map<String, String> kafkaProperties) {
}
