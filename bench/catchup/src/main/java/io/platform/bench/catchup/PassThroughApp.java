package io.platform.bench.catchup;

import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline of the analytics catch-up: a Kafka Streams app that reads the same four input topics with the same
 * serdes (Apicurio Avro, Confluent wire format, decoded to the generated classes) and exactly_once_v2, and writes
 * every record unchanged (re-serialized) to one output topic. Args: bootstrap servers, registry root URL,
 * application id, state dir, output topic.
 */
public final class PassThroughApp {

    private PassThroughApp() {
    }

    static long millis(String duration) {
        String text = duration.trim();
        if (text.endsWith("ms")) {
            return Long.parseLong(text.substring(0, text.length() - 2));
        }
        if (text.endsWith("s")) {
            return Long.parseLong(text.substring(0, text.length() - 1)) * 1000;
        }
        return Long.parseLong(text);
    }

    public static void main(String[] args) throws InterruptedException {
        RegistrySettings registry = RegistrySettings.forRoot(args[1]);
        Serde<SpecificRecord> events = EventSerdes.valueSerde(registry);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of("platform.namespace.requests.v1", "platform.namespace.events.v1",
                        "platform.service-instances.v1", "platform.rbac.events.v1"), Consumed.with(Serdes.String(), events))
                .to(args[4], Produced.with(Serdes.String(), events));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[3]);
        // the same tuning as the measured analytics-service (both read the benchmark's environment)
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, millis(System.getenv().getOrDefault("ANALYTICS_STREAMS_COMMIT_INTERVAL", "200ms")));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(System.getenv().getOrDefault("ANALYTICS_STREAMS_THREADS", "1")));
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        config.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }
}
