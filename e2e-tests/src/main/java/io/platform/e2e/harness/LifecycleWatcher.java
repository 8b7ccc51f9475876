package io.platform.e2e.harness;

import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.RequestRejected;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the namespace lifecycle topic like an outside consumer and notes, per request id, when its terminal event
 * (READY, FAILED, REJECTED) arrived and every event id seen. Starts at the end of the topic.
 */
public final class LifecycleWatcher implements AutoCloseable {

    /** A request's end as seen on the topic. */
    public record Terminal(String status, long seenAtNanos) {
    }

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Thread thread;
    private final Map<String, Terminal> terminal = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> eventIds = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public LifecycleWatcher(String bootstrapServers, String registryRoot) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(EventSerdes.config(RegistrySettings.forRoot(registryRoot)));
        consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                EventSerdes.valueDeserializer(RegistrySettings.forRoot(registryRoot)));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NAMESPACE_EVENTS.name(), Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::poll, "lifecycle-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<String, SpecificRecord> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (RecordDeserializationException unreadable) {
                    // the registry is down and this writer schema is not cached yet: read the record again once
                    // it is back, like the services do
                    consumer.seek(unreadable.topicPartition(), unreadable.offset());
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    continue;
                }
                for (ConsumerRecord<String, SpecificRecord> record : records) {
                    long now = System.nanoTime();
                    SpecificRecord event = record.value();
                    if (event == null) {
                        continue;
                    }
                    Envelope envelope = EventEnvelopes.find(event).orElse(null);
                    if (envelope == null) {
                        continue;
                    }
                    eventIds.computeIfAbsent(envelope.getRequestId(), id -> ConcurrentHashMap.newKeySet())
                            .add(envelope.getEventId());
                    String status = event instanceof NamespaceReady ? "READY"
                            : event instanceof NamespaceProvisioningFailed ? "FAILED"
                            : event instanceof RequestRejected ? "REJECTED" : null;
                    if (status != null) {
                        terminal.putIfAbsent(envelope.getRequestId(), new Terminal(status, now));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public Terminal terminal(String requestId) {
        return terminal.get(requestId);
    }

    public Set<String> eventIds(String requestId) {
        return eventIds.getOrDefault(requestId, Set.of());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
