package io.platform.outbox;

import io.platform.schemas.EventEnvelopes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transactional outbox (table {@code outbox}, created by the owning service's migrations): events are added in the
 * transaction of the state change they announce, deduplicated on their event id (a redelivered step adds nothing), and
 * read back in insertion order by the relay. Payloads are the events' Avro binary encoding with their class name.
 *
 * <p>The table:
 * <pre>
 * create table outbox (
 *     id           bigserial primary key,
 *     event_id     text not null unique,
 *     topic        text not null,
 *     event_key    text not null,
 *     event_type   text not null,
 *     payload      bytea not null,
 *     created_at   timestamptz not null,
 *     published_at timestamptz);
 * create index outbox_unpublished_idx on outbox (id) where published_at is null;
 * </pre>
 */
public class JdbcOutbox {

    private static final String EVENTS_PACKAGE = "io.platform.events.";

    private final JdbcClient jdbc;
    private final long relayLock;

    /**
     * @param service names the relay's advisory lock, so that services sharing a database do not share a relay lock
     */
    public JdbcOutbox(JdbcClient jdbc, String service) {
        this.jdbc = jdbc;
        this.relayLock = relayLockOf(service);
    }

    /** The advisory lock id of a service's relay: "outb" in the high half, a hash of the service name in the low. */
    static long relayLockOf(String service) {
        return 0x6f757462_00000000L | (service.hashCode() & 0xffffffffL);
    }

    /** An event waiting in the outbox. */
    public record Entry(long id, String topic, String key, SpecificRecord event) {
    }

    /** Adds an event (inside the caller's transaction); an event id already in the outbox is ignored. */
    public void add(String topic, String key, SpecificRecord event, Instant now) {
        jdbc.sql("""
                        insert into outbox (event_id, topic, event_key, event_type, payload, created_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
                .params(EventEnvelopes.of(event).getEventId(), topic, key, event.getClass().getName(), encode(event),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Takes the relay's lock for the surrounding transaction: one relay at a time across replicas, so the events of
     * one key are published in the order they were added.
     */
    public boolean tryLockRelay() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(relayLock)
                .query(Boolean.class).single());
    }

    /** The oldest unpublished events, in order. */
    public List<Entry> unpublished(int limit) {
        return jdbc.sql("select id, topic, event_key, event_type, payload from outbox where published_at is null order by id limit ?")
                .param(limit)
                .query((row, index) -> new Entry(row.getLong("id"), row.getString("topic"), row.getString("event_key"),
                        decode(row.getString("event_type"), row.getBytes("payload"))))
                .list();
    }

    public void markPublished(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox set published_at = ? where id = any(?)")
                .params(Timestamp.from(at), ids.toArray(Long[]::new))
                .update();
    }

    public long countUnpublished() {
        return jdbc.sql("select count(*) from outbox where published_at is null").query(Long.class).single();
    }

    /** Forgets published events older than {@code retention}. */
    public int purge(Instant now, Duration retention) {
        return jdbc.sql("delete from outbox where published_at is not null and published_at < ?")
                .param(Timestamp.from(now.minus(retention))).update();
    }

    static byte[] encode(SpecificRecord event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static SpecificRecord decode(String type, byte[] payload) {
        if (!type.startsWith(EVENTS_PACKAGE)) {
            throw new IllegalStateException("outbox holds a " + type + ", which is no platform event");
        }
        try {
            Class<? extends SpecificRecord> eventClass = (Class<? extends SpecificRecord>) Class.forName(type);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
            return new SpecificDatumReader<>(eventClass).read(null, decoder);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("outbox holds an unknown event type " + type, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
