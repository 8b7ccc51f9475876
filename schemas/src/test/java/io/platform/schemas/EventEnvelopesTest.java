package io.platform.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.namespace.NamespaceDeleted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEnvelopesTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:15:30.123456Z");

    @Test
    void derivedEventIdIsStablePerRequestAndStep() {
        var first = EventEnvelopes.derived("req-1", "ready", "alice", "provisioning-service", NOW);
        var again = EventEnvelopes.derived("req-1", "ready", "alice", "provisioning-service", NOW.plusSeconds(5));
        var otherStep = EventEnvelopes.derived("req-1", "provisioned", "alice", "provisioning-service", NOW);

        assertThat(again.getEventId()).isEqualTo(first.getEventId());
        assertThat(otherStep.getEventId()).isNotEqualTo(first.getEventId());
    }

    @Test
    void createdEventIdsAreUniqueUuids() {
        var a = EventEnvelopes.create("req-1", "alice", "gateway-service", NOW);
        var b = EventEnvelopes.create("req-1", "alice", "gateway-service", NOW);
        assertThat(a.getEventId()).isNotEqualTo(b.getEventId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void occurredAtIsTruncatedToTheWirePrecision() {
        var envelope = EventEnvelopes.create("req-1", "alice", "gateway-service", NOW);
        assertThat(envelope.getOccurredAt()).isEqualTo(Instant.parse("2026-01-15T10:15:30.123Z"));
    }

    @Test
    void readsTheEnvelopeOfAnyEvent() {
        var envelope = EventEnvelopes.create("req-9", "bob", "gateway-service", NOW);
        var event = NamespaceDeleted.newBuilder().setEnvelope(envelope).setName("shop").setTeam("payments").build();
        assertThat(EventEnvelopes.of(event)).isEqualTo(envelope);
    }
}
