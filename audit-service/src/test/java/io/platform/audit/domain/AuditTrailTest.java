package io.platform.audit.domain;

import static io.platform.audit.domain.HashChainTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    private final InMemoryStore store = new InMemoryStore();
    private final AuditTrail trail = new AuditTrail(store, Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void appendsEachNewEventOnceToTheChainOfItsPartition() {
        int first = trail.recordAll(List.of(event("a", "t", 0, 0, "{}"), event("b", "t", 1, 0, "{}"),
                event("a", "t", 0, 0, "{}"), event("c", "t", 0, 1, "{}")));
        int redelivered = trail.recordAll(List.of(event("c", "t", 0, 1, "{}"), event("d", "t", 0, 2, "{}")));

        assertThat(first).isEqualTo(3);
        assertThat(redelivered).isEqualTo(1);
        assertThat(store.rows).extracting(AuditRecord::chain, AuditRecord::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t:0", 1L), org.assertj.core.groups.Tuple.tuple("t:1", 1L),
                org.assertj.core.groups.Tuple.tuple("t:0", 2L), org.assertj.core.groups.Tuple.tuple("t:0", 3L));
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void pagesAreContiguousAndTheLastHasNoCursor() {
        for (int i = 0; i < 5; i++) {
            trail.recordAll(List.of(event("e" + i, "t", 0, i, "{}")));
        }
        AuditQuery query = AuditQuery.of(null, null, null, null, 2);

        AuditTrail.AuditPage first = trail.search(query);
        AuditTrail.AuditPage second = trail.search(query.after(AuditCursor.decode(first.nextCursor())));
        AuditTrail.AuditPage third = trail.search(query.after(AuditCursor.decode(second.nextCursor())));

        assertThat(first.items()).extracting(r -> r.event().eventId()).containsExactly("e0", "e1");
        assertThat(second.items()).extracting(r -> r.event().eventId()).containsExactly("e2", "e3");
        assertThat(third.items()).extracting(r -> r.event().eventId()).containsExactly("e4");
        assertThat(third.nextCursor()).isNull();
    }

    /** The store's contract in memory (ids in insertion order, all events at the same instant). */
    static final class InMemoryStore implements AuditEventStore {
        final List<AuditRecord> rows = new ArrayList<>();

        @Override
        public Set<String> existingEventIds(Collection<String> eventIds) {
            return rows.stream().map(r -> r.event().eventId()).filter(eventIds::contains).collect(Collectors.toSet());
        }

        @Override
        public Map<String, ChainHead> heads(Collection<String> chains) {
            Map<String, ChainHead> heads = new HashMap<>();
            rows.stream().filter(r -> chains.contains(r.chain())).forEach(r -> heads.put(r.chain(), r.asHead()));
            return heads;
        }

        @Override
        public void insert(List<AuditRecord> records) {
            records.forEach(r -> rows.add(new AuditRecord((long) rows.size() + 1, r.chain(), r.seq(), r.prevHash(), r.hash(),
                    r.event())));
        }

        @Override
        public List<AuditRecord> find(AuditQuery query) {
            return rows.stream()
                    .filter(r -> query.after() == null || r.id() > query.after().id())
                    .limit(query.limit()).toList();
        }

        @Override
        public void forEachInChainOrder(Consumer<AuditRecord> consumer) {
            rows.stream().sorted(Comparator.comparing(AuditRecord::chain).thenComparing(AuditRecord::seq)).forEach(consumer);
        }

        @Override
        public Map<String, ChainHead> anchors() {
            return Map.of();
        }
    }
}
