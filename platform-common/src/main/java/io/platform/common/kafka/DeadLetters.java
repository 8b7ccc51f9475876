package io.platform.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts records sent to a dead-letter topic, tagged with the topic they came from:
 * {@code platform_dead_letters_total{topic}} (alerted on when it grows, see deploy/observability).
 * Without a meter registry (plain unit tests) it counts nothing.
 */
public final class DeadLetters {

    public static final String METER = "platform.dead.letters";

    private final MeterRegistry registry;

    public DeadLetters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void counted(String sourceTopic) {
        if (registry != null) {
            Counter.builder(METER)
                    .description("Records sent to a dead-letter topic after bounded retries, by source topic")
                    .tag("topic", sourceTopic)
                    .register(registry)
                    .increment();
        }
    }
}
