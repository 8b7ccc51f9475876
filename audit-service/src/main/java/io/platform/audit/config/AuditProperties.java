package io.platform.audit.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.*}: how audit-service consumes.
 *
 * @param kafka consumer group, batch size and concurrency of the two listeners
 */
@Validated
@ConfigurationProperties("audit")
public record AuditProperties(@Valid @NotNull @DefaultValue Kafka kafka) {

    /**
     * @param groupId        consumer group of both listeners (platform topics and dead-letter topics)
     * @param maxPollRecords records per batch: each batch is one database transaction
     * @param concurrency    consumers per listener (partitions are spread over them; each chain has one writer)
     */
    public record Kafka(
            @NotBlank @DefaultValue("audit-service") String groupId,
            @Min(1) @Max(20_000) @DefaultValue("5000") int maxPollRecords,
            @Min(1) @Max(64) @DefaultValue("2") int concurrency) {
    }
}
