package io.platform.common.kafka;

import io.platform.events.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents Kafka protocol binding, binary mode: the envelope mirrored into {@code ce_*} headers. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String AVRO_CONTENT_TYPE = "application/avro";

    private CloudEventHeaders() {
    }

    public static void write(Headers headers, SpecificRecord event, Envelope envelope, String subject) {
        put(headers, ID, envelope.getEventId());
        put(headers, TYPE, event.getSchema().getFullName());
        put(headers, SOURCE, envelope.getSource());
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(envelope.getOccurredAt()));
        put(headers, SUBJECT, subject);
        put(headers, SPEC_VERSION, "1.0");
        put(headers, CONTENT_TYPE, AVRO_CONTENT_TYPE);
    }

    public static String read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
