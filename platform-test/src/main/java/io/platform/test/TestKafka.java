package io.platform.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker per test JVM (in-JVM, started on first use). Single-broker settings so that transactions and
 * Kafka Streams exactly-once work.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            started.brokerProperties(Map.of(
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "offsets.topic.replication.factor", "1",
                    "min.insync.replicas", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    "auto.create.topics.enable", "false"));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-embedded-kafka"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
