package io.platform.schemas.serde;

import io.apicurio.registry.resolver.SchemaResolverConfig;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.QualifiedRecordIdStrategy;
import io.platform.schemas.TrustedEventPackages;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro value serdes in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), backed by the
 * Apicurio serde in Confluent mode. Each record type resolves to the subject named after its full record name
 * (Confluent's RecordNameStrategy), so several event types can share one topic.
 */
public final class EventSerdes {

    private EventSerdes() {
    }

    /**
     * Client configuration shared by serializer and deserializer. Spring's Kafka client factories re-configure serde
     * instances with the client's configuration map, so put these entries into that map as well.
     */
    public static Map<String, Object> config(RegistrySettings registry) {
        TrustedEventPackages.install();
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registry.url());
        config.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, QualifiedRecordIdStrategy.class.getName());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister());
        // Without auto-registration the serializer looks its schema up by content: an unregistered schema fails fast.
        config.put(SerdeConfig.FIND_LATEST_ARTIFACT, false);
        // A schema's content id never changes: cached lookups need no refresh every 30 s (the default), and a refresh
        // that fails (registry down) keeps the known id instead of failing the send or the read.
        config.put(SerdeConfig.CHECK_PERIOD_MS, Duration.ofHours(24).toMillis());
        config.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return config;
    }

    public static <V extends SpecificRecord> Serializer<V> valueSerializer(RegistrySettings registry) {
        AvroKafkaSerializer<V> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config(registry), false);
        return serializer;
    }

    public static <V extends SpecificRecord> Deserializer<V> valueDeserializer(RegistrySettings registry) {
        AvroKafkaDeserializer<V> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config(registry), false);
        return deserializer;
    }

    /** Generic reader (no generated classes needed), for consumers that store events as they are, like audit. */
    public static Deserializer<Object> genericValueDeserializer(RegistrySettings registry) {
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(genericConfig(registry), false);
        return deserializer;
    }

    /** {@link #config} for the generic reader: records come back as {@code GenericRecord}s with their writer schema. */
    public static Map<String, Object> genericConfig(RegistrySettings registry) {
        Map<String, Object> config = config(registry);
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        return config;
    }

    public static <V extends SpecificRecord> Serde<V> valueSerde(RegistrySettings registry) {
        return Serdes.serdeFrom(valueSerializer(registry), valueDeserializer(registry));
    }
}
