package io.platform.audit.messaging;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.Outcome;
import io.platform.common.kafka.CloudEventHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Kafka records into {@link AuditEvent}s without generated classes: platform events arrive as
 * {@link GenericRecord}s decoded with their writer schema, dead letters as raw bytes.
 */
public class AuditRecordMapper {

    public static final String TOMBSTONE = "tombstone";
    public static final String DEAD_LETTER = "dead-letter";
    static final int MAX_EXCEPTION_MESSAGE = 2000;

    private static final String ENVELOPE = "envelope";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;

    public AuditRecordMapper(Clock clock) {
        this.clock = clock;
    }

    /** A record of a platform topic: a decoded event, or a tombstone ({@code null} value) on a compacted topic. */
    public AuditEvent fromEvent(ConsumerRecord<String, ?> record) {
        Object value = record.value();
        if (value == null) {
            return tombstone(record);
        }
        if (!(value instanceof GenericRecord event)) {
            throw new IllegalArgumentException("not an Avro record: " + value.getClass().getName());
        }
        String type = event.getSchema().getFullName();
        GenericRecord envelope = envelopeOf(event);
        String eventId = envelope != null ? text(envelope, "eventId") : null;
        if (eventId == null || eventId.isBlank()) {
            eventId = firstNonBlank(cloudEvent(record.headers(), CloudEventHeaders.ID), positionalId(record));
        }
        Instant occurredAt = envelope != null ? instant(envelope, "occurredAt") : null;
        if (occurredAt == null) {
            occurredAt = headerTime(record.headers(), record.timestamp());
        }
        return new AuditEvent(eventId, type, record.topic(), record.partition(), record.offset(),
                namespaceOf(record.topic(), record.key()), teamOf(event),
                envelope != null ? text(envelope, "requestId") : null,
                envelope != null ? text(envelope, "actor") : null,
                envelope != null ? text(envelope, "source") : cloudEvent(record.headers(), CloudEventHeaders.SOURCE),
                occurredAt, clock.instant(), Outcome.ofEventType(type), AvroJson.toJson(event).toString());
    }

    /**
     * A record of a dead-letter topic: raw bytes (they may be what could not be decoded), with the original
     * topic, partition, offset and exception that spring-kafka's dead-letter publisher adds as headers.
     */
    public AuditEvent fromDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String key = record.key() == null ? null : AvroJson.text(new String(record.key(), StandardCharsets.UTF_8));
        ObjectNode deadLetter = NODES.objectNode();
        deadLetter.put("originalTopic", headerText(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC));
        putNumber(deadLetter, "originalPartition", headerInt(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION));
        putNumber(deadLetter, "originalOffset", headerLong(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET));
        Long originalTimestamp = headerLong(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        deadLetter.put("originalTimestamp", originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp).toString());
        deadLetter.put("consumerGroup", headerText(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
        deadLetter.put("exceptionClass", headerText(headers, KafkaHeaders.DLT_EXCEPTION_FQCN));
        deadLetter.put("exceptionCauseClass", headerText(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN));
        deadLetter.put("exceptionMessage", truncate(headerText(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)));
        ObjectNode cloudEvent = NODES.objectNode();
        for (String name : new String[] {CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT}) {
            String text = cloudEvent(headers, name);
            if (text != null) {
                cloudEvent.put(name, text);
            }
        }
        ObjectNode payload = NODES.objectNode();
        payload.set("deadLetter", deadLetter);
        payload.set("cloudEvent", cloudEvent);
        payload.put("key", key);
        payload.put("valueBase64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));

        Instant occurredAt = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant();
        return new AuditEvent(positionalId(record), DEAD_LETTER, record.topic(), record.partition(), record.offset(),
                namespaceOf(record.topic(), key), null, null, null, cloudEvent(headers, CloudEventHeaders.SOURCE),
                occurredAt, clock.instant(), Outcome.DEAD_LETTER, payload.toString());
    }

    private AuditEvent tombstone(ConsumerRecord<String, ?> record) {
        ObjectNode payload = NODES.objectNode();
        payload.put("key", record.key());
        payload.put(TOMBSTONE, true);
        return new AuditEvent(positionalId(record), TOMBSTONE, record.topic(), record.partition(), record.offset(),
                namespaceOf(record.topic(), record.key()), null, null, null,
                cloudEvent(record.headers(), CloudEventHeaders.SOURCE),
                headerTime(record.headers(), record.timestamp()), clock.instant(), Outcome.OK, payload.toString());
    }

    static String namespaceOf(String topic, String key) {
        return key != null && !key.isBlank() && AuditTopics.keyedByNamespace(topic) ? AvroJson.text(key) : null;
    }

    /** Records without an event id of their own are identified by their position, stable across redelivery. */
    static String positionalId(ConsumerRecord<?, ?> record) {
        return UUID.nameUUIDFromBytes((record.topic() + "/" + record.partition() + "/" + record.offset())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The owning team an event names: {@code spec.team} (requests, lifecycle facts) or a top-level {@code team}. */
    static String teamOf(GenericRecord event) {
        Schema.Field spec = event.getSchema().getField("spec");
        if (spec != null && event.get(spec.pos()) instanceof GenericRecord specRecord) {
            String team = text(specRecord, "team");
            if (team != null && !team.isBlank()) {
                return team;
            }
        }
        String team = text(event, "team");
        return team == null || team.isBlank() ? null : team;
    }

    private static GenericRecord envelopeOf(GenericRecord event) {
        Schema.Field field = event.getSchema().getField(ENVELOPE);
        return field != null && event.get(field.pos()) instanceof GenericRecord envelope ? envelope : null;
    }

    private static String text(GenericRecord record, String field) {
        if (record.getSchema().getField(field) == null) {
            return null;
        }
        Object value = record.get(field);
        return value == null ? null : AvroJson.text(value.toString());
    }

    private static Instant instant(GenericRecord record, String field) {
        if (record.getSchema().getField(field) == null) {
            return null;
        }
        Object value = record.get(field);
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return null;
    }

    private Instant headerTime(Headers headers, long recordTimestamp) {
        String time = cloudEvent(headers, CloudEventHeaders.TIME);
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException ignored) {
                // fall back to the record's timestamp
            }
        }
        return recordTimestamp >= 0 ? Instant.ofEpochMilli(recordTimestamp) : clock.instant();
    }

    private static String cloudEvent(Headers headers, String name) {
        String value = CloudEventHeaders.read(headers, name);
        return value == null ? null : AvroJson.text(value);
    }

    private static String headerText(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : AvroJson.text(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Integer headerInt(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES
                ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long headerLong(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? null : ByteBuffer.wrap(header.value()).getLong();
    }

    private static void putNumber(ObjectNode node, String field, Number value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.longValue());
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_EXCEPTION_MESSAGE ? text : text.substring(0, MAX_EXCEPTION_MESSAGE) + "…";
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
