package io.platform.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.gateway.*}: where the gateway routes the other services' APIs, how large a request may be, and the
 * per-client rate limit.
 *
 * @param routes         base URL of each service behind the gateway: {@code catalog}, {@code rbac}, {@code analytics},
 *                       {@code audit}, {@code provisioning} (all required); path and query are relayed unchanged
 * @param connectTimeout how long to wait for a connection to a service
 * @param readTimeout    how long to wait for a service's answer
 * @param maxBodySize    largest request body accepted, also when sent chunked; larger ones are answered 413
 * @param rateLimit      requests per client
 */
@Validated
@ConfigurationProperties("platform.gateway")
public record GatewayProperties(
        @NotNull @DefaultValue Map<String, URI> routes,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("64KB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue RateLimit rateLimit) {

    /** The services whose APIs the gateway routes; each needs a base URL. */
    public static final Set<String> SERVICES = Set.of("catalog", "rbac", "analytics", "audit", "provisioning");

    @AssertTrue(message = "platform.gateway.routes needs a base URL for catalog, rbac, analytics, audit and provisioning")
    public boolean isEveryServiceRouted() {
        return routes.keySet().containsAll(SERVICES);
    }

    /**
     * Per-client rate limit (client = the token's {@code azp}, {@code client_id} or subject): at most
     * {@code limitForPeriod} requests per {@code period}; more are answered 429 with {@code Retry-After}.
     *
     * @param enabled        off: no limit
     * @param limitForPeriod requests a client may make per period
     * @param period         the refill period
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("5000") int limitForPeriod,
            @NotNull @DefaultValue("1s") Duration period) {
    }
}
