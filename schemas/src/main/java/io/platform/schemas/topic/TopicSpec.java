package io.platform.schemas.topic;

import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the platform: its name, shape, retention and the types that travel on it.
 *
 * <p>Keys are strings (namespace name, or as {@link #keyDescription()} says); values are Avro records in the
 * Confluent wire format, each event type under its own registry subject (its full record name).
 *
 * @param <V> the value type: a concrete record, or {@link SpecificRecord} when several event types share the topic
 */
public final class TopicSpec<V extends SpecificRecord> {

    private final String name;
    private final int partitions;
    private final CleanupPolicy cleanupPolicy;
    private final Duration retention;
    private final String keyDescription;
    private final Class<V> valueType;
    private final List<Class<? extends SpecificRecord>> eventTypes;

    TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Duration retention, String keyDescription,
              Class<V> valueType, List<Class<? extends SpecificRecord>> eventTypes) {
        this.name = Objects.requireNonNull(name);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        this.partitions = partitions;
        this.cleanupPolicy = Objects.requireNonNull(cleanupPolicy);
        this.retention = retention;
        this.keyDescription = Objects.requireNonNull(keyDescription);
        this.valueType = Objects.requireNonNull(valueType);
        this.eventTypes = List.copyOf(eventTypes);
        if (this.eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a topic carries at least one event type");
        }
    }

    public String name() {
        return name;
    }

    public int partitions() {
        return partitions;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** Time-based retention; {@code null} means retained forever (compacted topics keep the latest per key). */
    public Duration retention() {
        return retention;
    }

    public String keyDescription() {
        return keyDescription;
    }

    public Class<V> valueType() {
        return valueType;
    }

    /** The Avro record types published on this topic. */
    public List<Class<? extends SpecificRecord>> eventTypes() {
        return eventTypes;
    }

    /** Writer schemas of {@link #eventTypes()}, as generated from the {@code .avsc} files. */
    public List<Schema> schemas() {
        return eventTypes.stream().map(type -> SpecificData.get().getSchema(type)).toList();
    }

    public boolean carries(Class<?> eventType) {
        return eventTypes.contains(eventType);
    }

    /** Dead letters of this topic's consumers go to {@code <topic>-dlt}, raw bytes, same partition count. */
    public String deadLetterTopic() {
        return name + "-dlt";
    }

    /** Topic-level configuration to create the topic with. */
    public Map<String, String> topicConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cleanup.policy", cleanupPolicy.value());
        config.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
        if (cleanupPolicy == CleanupPolicy.COMPACT) {
            config.put("min.cleanable.dirty.ratio", "0.1");
            config.put("segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
        }
        return Map.copyOf(config);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serde<V> valueSerde(RegistrySettings registry) {
        return EventSerdes.valueSerde(registry);
    }

    @Override
    public String toString() {
        return name;
    }
}
