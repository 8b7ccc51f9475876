package io.platform.analytics.messaging;

import io.platform.analytics.domain.LifecycleEvent;
import io.platform.analytics.domain.NamespaceLifecycle;
import io.platform.analytics.domain.ProjectionFacts;
import io.platform.analytics.domain.ProjectionFacts.Fact;
import io.platform.analytics.domain.ProjectionFacts.TeamDayDelta;
import io.platform.analytics.domain.ProjectionSink;
import io.platform.events.analytics.NamespaceCost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of the topology, one instance per input partition: keeps each namespace's {@link NamespaceEntry} in the
 * {@code namespace-lifecycle} store and applies its events. It forwards
 * <ul>
 *   <li>{@link TeamDayDelta}s (key {@code <team>|<day>}) as cost accrues, aggregated downstream into
 *       {@code TeamDailyCost};</li>
 *   <li>a {@link NamespaceCost} (key: namespace) for each namespace whose cost record is due, at most once per
 *       {@code emit} punctuation (so a burst of events of one namespace yields one record);</li>
 * </ul>
 * and keeps the PostgreSQL rows each event changed inside the namespace's entry. A wall-clock punctuation hands those
 * rows to a writer thread (one PostgreSQL transaction of full-row upserts) and a later one removes the rows that were
 * written and not changed since. Everything the processor does to its store is part of the exactly-once transaction,
 * so after a crash the due records and unwritten rows are still there (rows written twice are harmless upserts).
 * Another punctuation brings the cost of every living namespace up to now. Keys with work to do are indexed in
 * memory; the index is rebuilt from the store when the task starts.
 */
final class LifecycleProcessor implements Processor<String, SpecificRecord, String, Object> {

    static final String LIFECYCLE_STORE = "namespace-lifecycle";

    private static final Logger log = LoggerFactory.getLogger(LifecycleProcessor.class);

    private final ProjectionSink sink;
    private final Duration refreshInterval;
    private final Duration flushInterval;
    private final Duration emitInterval;
    private final int flushBatch;
    private final Set<String> withWork = new LinkedHashSet<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "analytics-projection-writer");
        thread.setDaemon(true);
        return thread;
    });
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, NamespaceEntry> entries;
    private EventTranslator translator;
    private CompletableFuture<Void> inFlight;
    private Map<String, Written> writing = Map.of();

    LifecycleProcessor(ProjectionSink sink, Duration refreshInterval, Duration flushInterval, Duration emitInterval,
                       int flushBatch) {
        this.sink = sink;
        this.refreshInterval = refreshInterval;
        this.flushInterval = flushInterval;
        this.emitInterval = emitInterval;
        this.flushBatch = flushBatch;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.entries = context.getStateStore(LIFECYCLE_STORE);
        KeyValueStore<String, Object> catalog = context.getStateStore(AnalyticsTopology.CATALOG_STORE);
        this.translator = new EventTranslator(key -> {
            Object value = catalog.get(key);
            if (value instanceof ValueAndTimestamp<?> timestamped) {
                value = timestamped.value();
            }
            return Optional.ofNullable(value instanceof SpecificRecord record ? record : null);
        });
        try (KeyValueIterator<String, NamespaceEntry> all = entries.all()) {
            while (all.hasNext()) {
                KeyValue<String, NamespaceEntry> entry = all.next();
                if (entry.value.hasWork()) {
                    withWork.add(entry.key);
                }
            }
        }
        context.schedule(refreshInterval, PunctuationType.WALL_CLOCK_TIME, now -> refreshAll(Instant.ofEpochMilli(now)));
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitDueCosts(now));
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null || record.key().equals("cluster")) {
            return;
        }
        Optional<LifecycleEvent> event = translator.translate(record.value());
        if (event.isEmpty()) {
            return;
        }
        NamespaceEntry entry = entries.get(record.key());
        if (entry == null) {
            entry = NamespaceEntry.of(NamespaceLifecycle.of(record.key()));
        }
        NamespaceLifecycle.Changes changes = entry.lifecycle.apply(event.get());
        if (changes.duplicate) {
            return;
        }
        if (event.get().requestId() != null) {
            entry.lastRequestId = event.get().requestId();
        }
        absorb(record.key(), entry, changes, record.timestamp());
    }

    private void absorb(String key, NamespaceEntry entry, NamespaceLifecycle.Changes changes, long timestamp) {
        for (Fact fact : changes.facts) {
            if (fact instanceof ProjectionFacts.NamespaceRow) {
                entry.rowDue = true;
            } else {
                entry.unwritten.put(fact.key(), NamespaceEntry.Row.of(fact));
            }
        }
        entry.version++;
        for (TeamDayDelta delta : changes.deltas) {
            context.forward(new Record<>(delta.key(), delta, timestamp));
        }
        entry.costDue |= changes.costChanged;
        entries.put(key, entry);
        if (entry.hasWork()) {
            withWork.add(key);
        }
    }

    private void refreshAll(Instant now) {
        List<String> alive = new ArrayList<>();
        try (KeyValueIterator<String, NamespaceEntry> all = entries.all()) {
            while (all.hasNext()) {
                KeyValue<String, NamespaceEntry> entry = all.next();
                if (entry.value.lifecycle.alive()) {
                    alive.add(entry.key);
                }
            }
        }
        for (String key : alive) {
            NamespaceEntry entry = entries.get(key);
            absorb(key, entry, entry.lifecycle.refresh(now), now.toEpochMilli());
        }
        if (!alive.isEmpty()) {
            log.debug("brought the cost of {} namespaces up to {}", alive.size(), now);
        }
    }

    private void emitDueCosts(long now) {
        for (String key : List.copyOf(withWork)) {
            NamespaceEntry entry = entries.get(key);
            if (entry == null || !entry.costDue) {
                continue;
            }
            NamespaceCost cost = BiRecords.namespaceCost(entry.lifecycle, entry.lastRequestId);
            if (cost != null) {
                context.forward(new Record<>(key, cost, now));
            }
            entry.costDue = false;
            entries.put(key, entry);
            if (!entry.hasWork()) {
                withWork.remove(key);
            }
        }
    }

    /**
     * Completes the previous write (removing what it wrote from the entries, unless changed since) and starts the
     * next one on the writer thread; a failed write leaves the rows in place for the next attempt.
     */
    private void flush() {
        if (inFlight != null) {
            if (!inFlight.isDone()) {
                return;
            }
            try {
                inFlight.join();
                writing.forEach(this::forgetWritten);
            } catch (RuntimeException e) {
                log.warn("cannot write projection rows of {} namespaces to PostgreSQL, keeping them for the next attempt: {}",
                        writing.size(), e.getMessage());
            }
            inFlight = null;
            writing = Map.of();
        }
        Map<String, Written> batch = new HashMap<>();
        List<Fact> facts = new ArrayList<>();
        for (String key : withWork) {
            if (facts.size() >= flushBatch) {
                break;
            }
            NamespaceEntry entry = entries.get(key);
            if (entry == null || (entry.unwritten.isEmpty() && !entry.rowDue)) {
                continue;
            }
            batch.put(key, new Written(Map.copyOf(entry.unwritten), entry.rowDue ? entry.version : -1));
            entry.unwritten.values().forEach(row -> facts.add(row.fact()));
            if (entry.rowDue) {
                facts.add(entry.lifecycle.namespaceRow());
            }
        }
        if (facts.isEmpty()) {
            return;
        }
        writing = batch;
        inFlight = CompletableFuture.runAsync(() -> sink.write(facts), writer);
    }

    /** What was handed to the writer for one namespace: its rows, and the entry version its own row was built at. */
    private record Written(Map<String, NamespaceEntry.Row> rows, long rowVersion) {
    }

    private void forgetWritten(String key, Written written) {
        NamespaceEntry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        boolean changed = entry.unwritten.entrySet().removeIf(row -> row.getValue().equals(written.rows().get(row.getKey())));
        if (entry.rowDue && entry.version == written.rowVersion()) {
            entry.rowDue = false;
            changed = true;
        }
        if (changed) {
            entries.put(key, entry);
        }
        if (!entry.hasWork()) {
            withWork.remove(key);
        }
    }

    @Override
    public void close() {
        if (inFlight != null) {
            try {
                inFlight.join();
            } catch (RuntimeException e) {
                // the rows stay in the entries' changelog and are written after the restart
            }
        }
        writer.shutdown();
    }
}
