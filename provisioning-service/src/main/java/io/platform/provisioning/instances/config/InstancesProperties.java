package io.platform.provisioning.instances.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.provisioning.instances.*}
 *
 * @param namespaceWait     how long a request for a namespace this service has not seen READY waits before it fails
 * @param applyAttempts     attempts of a transient cluster error within one delivery before the instance is
 *                          compensated and fails
 * @param retryDelay        first pause between those attempts (doubling)
 * @param sweepInterval     how often waiting requests are expired and unannounced outcomes republished
 * @param catalogWait       how long a request waits for the template (or the whole catalog, after start-up) to reach
 *                          this service's catalog replica before it is judged: catalog-service publishes a template
 *                          before it takes requests for it, but this service's replica may lag behind its request
 *                          consumer
 */
@Validated
@ConfigurationProperties("platform.provisioning.instances")
public record InstancesProperties(
        @NotNull @DefaultValue("2m") Duration namespaceWait,
        @Min(1) @Max(10) @DefaultValue("3") int applyAttempts,
        @NotNull @DefaultValue("500ms") Duration retryDelay,
        @NotNull @DefaultValue("10s") Duration sweepInterval,
        @NotNull @DefaultValue("15s") Duration catalogWait) {
}
