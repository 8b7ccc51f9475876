package io.platform.gateway.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.gateway.*}: where the gateway routes the APIs of the services behind it.
 *
 * @param routes         first path segment after {@code /api/v1/} to the base URL of the service serving it, e.g.
 *                       {@code catalog: http://localhost:8082}; the full path and query are relayed unchanged
 * @param connectTimeout how long to wait for a connection to a service
 * @param readTimeout    how long to wait for a service's answer
 * @param maxBodySize    largest request body relayed; larger ones are answered 413
 */
@Validated
@ConfigurationProperties("platform.gateway")
public record GatewayProperties(
        @NotNull @DefaultValue Map<String, URI> routes,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize) {
}
