package io.platform.test.outbox;

import io.platform.outbox.JdbcOutbox;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outbox of a handler's unit test: kept in memory with the real one's rules (an event id is added once, entries
 * come back in insertion order until marked published). Integration tests use {@link JdbcOutbox} on PostgreSQL.
 */
public final class InMemoryOutbox extends JdbcOutbox {

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<Long> published = new HashSet<>();

    public InMemoryOutbox() {
        super(null, "test");
    }

    @Override
    public synchronized void add(String topic, String key, SpecificRecord event, Instant now) {
        if (ids.add(EventEnvelopes.of(event).getEventId())) {
            entries.add(new Entry(entries.size() + 1, topic, key, event));
        }
    }

    @Override
    public boolean tryLockRelay() {
        return true;
    }

    @Override
    public synchronized List<Entry> unpublished(int limit) {
        return entries.stream().filter(entry -> !published.contains(entry.id())).limit(limit).toList();
    }

    @Override
    public synchronized void markPublished(List<Long> done, Instant at) {
        published.addAll(done);
    }

    /** Every event ever added, published or not. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
