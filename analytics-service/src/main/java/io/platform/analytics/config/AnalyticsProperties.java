package io.platform.analytics.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code analytics.*}: the Kafka Streams projection.
 *
 * @param streams the topology's identity, state, timing and memory
 */
@Validated
@ConfigurationProperties("analytics")
public record AnalyticsProperties(@Valid @NotNull @DefaultValue Streams streams) {

    /**
     * @param enabled            run the topology (off only for tests of the HTTP API alone)
     * @param applicationId      Kafka Streams application id: consumer group, transactional id and prefix of the
     *                           internal topics; a new id recomputes everything from the retained topics
     * @param stateDir           local state (RocksDB); disposable, restored from the changelog topics
     * @param threads            stream threads
     * @param commitInterval     how often the exactly-once transaction commits (outputs become visible)
     * @param cacheMaxBytes      record cache of the state stores, shared by all threads
     * @param rocksDbMemory      memory of all RocksDB stores together (block cache and memtables)
     * @param replicationFactor  of the internal topics
     * @param refreshInterval    how often living namespaces' costs are brought up to now (BI topics, month to date)
     * @param emitInterval       how often due {@code NamespaceCost} records are published (one per namespace at most)
     * @param storeFlushInterval how often projected rows are written to PostgreSQL
     * @param storeFlushBatch    at most this many rows per PostgreSQL transaction
     * @param restartDelay       pause before a client that went to ERROR is replaced by a new one
     */
    public record Streams(
            @DefaultValue("true") boolean enabled,
            @NotBlank @DefaultValue("analytics-service") String applicationId,
            @NotBlank @DefaultValue("${java.io.tmpdir}/analytics-service-streams") String stateDir,
            @Min(1) @Max(16) @DefaultValue("1") int threads,
            @NotNull @DefaultValue("200ms") Duration commitInterval,
            @Min(0) @DefaultValue("8388608") long cacheMaxBytes,
            @Min(1048576) @DefaultValue("33554432") long rocksDbMemory,
            @Min(1) @DefaultValue("1") short replicationFactor,
            @NotNull @DefaultValue("1h") Duration refreshInterval,
            @NotNull @DefaultValue("1s") Duration emitInterval,
            @NotNull @DefaultValue("1s") Duration storeFlushInterval,
            @Min(1) @DefaultValue("5000") int storeFlushBatch,
            @NotNull @DefaultValue("5s") Duration restartDelay) {
    }
}
