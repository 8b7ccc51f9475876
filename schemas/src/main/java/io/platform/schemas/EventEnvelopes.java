package io.platform.schemas;

import io.platform.events.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Builds and reads the {@link Envelope} every event carries. */
public final class EventEnvelopes {

    public static final String FIELD = "envelope";

    private EventEnvelopes() {
    }

    /** A new envelope with a random event id. */
    public static Envelope create(String requestId, String actor, String source, Instant occurredAt) {
        return build(UUID.randomUUID().toString(), requestId, actor, source, occurredAt);
    }

    /**
     * An envelope whose event id is derived from the request and the step, so that re-publishing the same step after
     * a crash and redelivery yields the same event id, which consumers deduplicate on.
     */
    public static Envelope derived(String requestId, String step, String actor, String source, Instant occurredAt) {
        UUID id = UUID.nameUUIDFromBytes((requestId + "/" + step).getBytes(StandardCharsets.UTF_8));
        return build(id.toString(), requestId, actor, source, occurredAt);
    }

    private static Envelope build(String eventId, String requestId, String actor, String source, Instant occurredAt) {
        return Envelope.newBuilder()
                .setEventId(eventId)
                .setRequestId(requestId)
                .setActor(actor)
                .setSource(source)
                // the wire type is timestamp-millis: truncate so that a round trip compares equal
                .setOccurredAt(occurredAt.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /** The envelope of any platform event. */
    public static Envelope of(SpecificRecord event) {
        return find(event).orElseThrow(() -> new IllegalArgumentException(
                event.getSchema().getFullName() + " has no envelope field"));
    }

    public static Optional<Envelope> find(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField(FIELD);
        if (field == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((Envelope) event.get(field.pos()));
    }
}
