package io.platform.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.platform.analytics.config.AnalyticsProperties;
import io.platform.analytics.domain.ProjectionSink;
import io.platform.schemas.serde.RegistrySettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the analytics topology with {@code processing.guarantee=exactly_once_v2}: every input record's effects on the
 * state stores, the changelogs and the output topics commit in one Kafka transaction together with its offset.
 * Started after the application context (the platform's topics are created by then), stopped before it closes.
 * Health {@code analyticsStreams}: UP while running or rebalancing.
 */
@Component("analyticsStreams")
public class AnalyticsStreams implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsStreams.class);

    private final AnalyticsProperties.Streams settings;
    private final Topology topology;
    private final Properties config;
    private final MeterRegistry meters;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public AnalyticsStreams(AnalyticsProperties properties, KafkaProperties kafka, RegistrySettings registry,
                            ProjectionSink sink, MeterRegistry meters) {
        this.meters = meters;
        this.settings = properties.streams();
        this.topology = AnalyticsTopology.build(registry, sink, settings);
        this.config = config(settings, kafka.buildStreamsProperties());
    }

    /**
     * Boot's {@code spring.kafka.*} client settings (bootstrap servers, SASL/TLS, extra properties) with the
     * topology's own settings on top.
     */
    static Properties config(AnalyticsProperties.Streams settings, Map<String, Object> client) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheMaxBytes());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        config.put(BoundedRocksDbConfig.TOTAL_MEMORY, Long.toString(settings.rocksDbMemory()));
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringDeserializationHandler.class);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 30_000);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // the state changelog is JSON: compressed, it is a fraction of the bytes the broker has to take at each commit
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return config;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || streams != null) {
            return;
        }
        KafkaStreams started = new KafkaStreams(topology, config);
        started.setUncaughtExceptionHandler(exception -> {
            if (Thread.currentThread().getName().endsWith("GlobalStreamThread")) {
                // the global (catalog) thread cannot be replaced: the client stops and is restarted below
                log.error("analytics global stream thread failed, restarting the client", exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            log.error("analytics stream thread failed, replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                restartLater(started);
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(started);
        streamsMetrics.bindTo(meters);
        started.start();
        streams = started;
        log.info("analytics topology started as {} (exactly_once_v2)", settings.applicationId());
    }

    /**
     * A client in ERROR (e.g. local state that no longer matches the broker: the global store's checkpoint beyond the
     * end of a recreated topic; Kafka Streams has already wiped that state) is closed and a new one started, after a
     * pause, instead of leaving analytics down until someone restarts the service.
     */
    private void restartLater(KafkaStreams failed) {
        // the restart runs on a thread of its own, after the delay: never on the failed client's stream thread
        Executor restartThread = runnable -> {
            Thread restart = new Thread(runnable, "analytics-streams-restart");
            restart.setDaemon(true);
            restart.start();
        };
        CompletableFuture.runAsync(() -> {
            synchronized (this) {
                if (streams != failed) {
                    return;
                }
                stop();
                start();
                log.info("analytics topology restarted after an error");
            }
        }, CompletableFuture.delayedExecutor(settings.restartDelay().toMillis(), TimeUnit.MILLISECONDS, restartThread));
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            // leave the group at once, so a rebuild (or a replica) need not wait for the session timeout
            streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
            streamsMetrics.close();
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** Stop before the JDBC pool and web server go away, start after everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    @Override
    public Health health() {
        KafkaStreams.State state = state();
        if (!settings.enabled()) {
            return Health.up().withDetail("state", "disabled").build();
        }
        Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).withDetail("applicationId", settings.applicationId()).build();
    }

    public Topology topology() {
        return topology;
    }
}
