package io.platform.analytics.messaging;

import io.platform.analytics.config.AnalyticsProperties;
import io.platform.analytics.domain.ProjectionFacts.TeamDayDelta;
import io.platform.analytics.domain.ProjectionSink;
import io.platform.events.analytics.NamespaceCost;
import io.platform.events.analytics.TeamDailyCost;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology:
 * <pre>
 * platform.catalog.v1 ──► global table "catalog" (tier and template prices)
 * platform.namespace.requests.v1 ┐
 * platform.namespace.events.v1   ├─► LifecycleProcessor ──► NamespaceCost ──► platform.analytics.namespace-costs.v1
 * platform.service-instances.v1  │   (state: namespace-lifecycle,   │
 * platform.rbac.events.v1        ┘    rows ──► PostgreSQL)           └─► TeamDayDelta ─(repartition by team|day)─►
 *                                                                       aggregate "team-day-costs" ──► platform.analytics.team-costs-daily.v1
 * </pre>
 * The four input topics are keyed by namespace and have the same partition count, so one task sees all events of a
 * namespace in order.
 */
public final class AnalyticsTopology {

    static final String CATALOG_STORE = "catalog";
    static final String TEAM_DAY_STORE = "team-day-costs";
    static final List<String> INPUT_TOPICS = List.of(Topics.NAMESPACE_REQUESTS.name(), Topics.NAMESPACE_EVENTS.name(),
            Topics.SERVICE_INSTANCES.name(), Topics.RBAC_EVENTS.name());

    private AnalyticsTopology() {
    }

    public static Topology build(RegistrySettings registry, ProjectionSink sink, AnalyticsProperties.Streams settings) {
        Serde<String> keys = Serdes.String();
        Serde<SpecificRecord> events = EventSerdes.valueSerde(registry);
        Serde<NamespaceCost> namespaceCosts = EventSerdes.valueSerde(registry);
        Serde<TeamDailyCost> teamCosts = EventSerdes.valueSerde(registry);

        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.CATALOG.name(), Consumed.with(keys, events).withName("catalog-source"),
                Materialized.<String, SpecificRecord, KeyValueStore<Bytes, byte[]>>as(CATALOG_STORE)
                        .withKeySerde(keys).withValueSerde(events));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(LifecycleProcessor.LIFECYCLE_STORE), keys,
                        new JsonSerde<>(NamespaceEntry.class))
                .withCachingEnabled());

        KStream<String, Object> facts = builder.stream(INPUT_TOPICS, Consumed.with(keys, events).withName("platform-events"))
                .process(() -> new LifecycleProcessor(sink, settings.refreshInterval(), settings.storeFlushInterval(),
                                settings.emitInterval(), settings.storeFlushBatch()), Named.as("namespace-lifecycle-processor"),
                        LifecycleProcessor.LIFECYCLE_STORE);

        facts.filter((key, value) -> value instanceof NamespaceCost, Named.as("namespace-costs"))
                .mapValues(value -> (NamespaceCost) value, Named.as("as-namespace-cost"))
                .to(Topics.ANALYTICS_NAMESPACE_COSTS.name(), Produced.with(keys, namespaceCosts).withName("namespace-costs-sink"));

        facts.filter((key, value) -> value instanceof TeamDayDelta, Named.as("team-day-deltas"))
                .mapValues(value -> (TeamDayDelta) value, Named.as("as-team-day-delta"))
                .groupByKey(Grouped.with("team-day", keys, new JsonSerde<>(TeamDayDelta.class)))
                .aggregate(TeamDayTotal::empty, (key, delta, total) -> total.plus(delta), Named.as("team-day-sum"),
                        Materialized.<String, TeamDayTotal, KeyValueStore<Bytes, byte[]>>as(TEAM_DAY_STORE)
                                .withKeySerde(keys).withValueSerde(new JsonSerde<>(TeamDayTotal.class)))
                .toStream(Named.as("team-day-changes"))
                .mapValues(total -> BiRecords.teamDailyCost(total, Instant.now()), Named.as("as-team-daily-cost"))
                .to(Topics.ANALYTICS_TEAM_COSTS_DAILY.name(), Produced.with(keys, teamCosts).withName("team-costs-sink"));
        return builder.build();
    }
}
