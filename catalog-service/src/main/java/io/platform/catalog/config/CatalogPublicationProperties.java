package io.platform.catalog.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.catalog.publication.*}
 *
 * @param retryInterval pause before publishing the catalog again after the broker or registry was unreachable
 */
@Validated
@ConfigurationProperties("platform.catalog.publication")
public record CatalogPublicationProperties(@NotNull @DefaultValue("5s") Duration retryInterval) {
}
