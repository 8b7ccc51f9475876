package io.platform.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.Outcome;
import io.platform.events.Envelope;
import io.platform.events.FieldViolation;
import io.platform.events.catalog.TierDefined;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.RequestRejected;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.TrustedEventPackages;
import io.platform.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditRecordMapperTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    private static final Instant OCCURRED = Instant.parse("2026-12-04T10:00:00.123Z");
    private static final String EVENTS = Topics.NAMESPACE_EVENTS.name();

    private final AuditRecordMapper mapper = new AuditRecordMapper(Clock.fixed(NOW, ZoneOffset.UTC));
    private final JsonMapper json = JsonMapper.shared();

    @BeforeAll
    static void trustEvents() {
        TrustedEventPackages.install();
    }

    @Test
    void mapsAnEventDecodedWithoutGeneratedClassesFromItsEnvelope() {
        Envelope envelope = EventEnvelopes.derived("req-1", "ready", "team-payments-client", "provisioning-service", OCCURRED);
        ConsumerRecord<String, Object> record = record(EVENTS, 2, 41L, "payments-api", generic(ready(envelope)));

        AuditEvent event = mapper.fromEvent(record);

        assertThat(event.eventId()).isEqualTo(envelope.getEventId());
        assertThat(event.type()).isEqualTo("io.platform.events.namespace.NamespaceReady");
        assertThat(event.topic()).isEqualTo(EVENTS);
        assertThat(event.partition()).isEqualTo(2);
        assertThat(event.offset()).isEqualTo(41L);
        assertThat(event.namespace()).isEqualTo("payments-api");
        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.actor()).isEqualTo("team-payments-client");
        assertThat(event.source()).isEqualTo("provisioning-service");
        assertThat(event.occurredAt()).isEqualTo(OCCURRED);
        assertThat(event.recordedAt()).isEqualTo(NOW);
        assertThat(event.outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void rendersThePayloadAsPlainJsonWithReadableTimestamps() {
        Envelope envelope = EventEnvelopes.derived("req-1", "ready", "someone", "provisioning-service", OCCURRED);

        JsonNode payload = json.readTree(mapper.fromEvent(record(EVENTS, 0, 0L, "payments-api", generic(ready(envelope)))).payload());

        assertThat(payload.at("/envelope/occurredAt").asString()).isEqualTo("2026-12-04T10:00:00.123Z");
        assertThat(payload.at("/spec/name").asString()).isEqualTo("payments-api");
        assertThat(payload.at("/spec/features/0").asString()).isEqualTo("monitoring");
        assertThat(payload.at("/spec/costCenter").asString()).isEqualTo("cc-42");
        assertThat(payload.at("/spec/description").isNull()).isTrue();
    }

    @Test
    void derivesRejectedAndFailedOutcomes() {
        Envelope rejectedEnvelope = EventEnvelopes.derived("req-2", "rejected", "a", "provisioning-service", OCCURRED);
        RequestRejected rejected = RequestRejected.newBuilder().setEnvelope(rejectedEnvelope).setName("Bad_Name")
                .setRequestType("io.platform.events.namespace.NamespaceRequested")
                .setViolations(List.of(new FieldViolation("name", "pattern", "must be a DNS label"))).build();
        Envelope failedEnvelope = EventEnvelopes.derived("req-3", "failed", "a", "provisioning-service", OCCURRED);
        NamespaceProvisioningFailed failed = NamespaceProvisioningFailed.newBuilder().setEnvelope(failedEnvelope)
                .setName("orders").setStep("rbac").setReason("boom").setRetryable(false).build();

        AuditEvent rejectedEvent = mapper.fromEvent(record(EVENTS, 0, 1L, "Bad_Name", generic(rejected)));
        AuditEvent failedEvent = mapper.fromEvent(record(EVENTS, 0, 2L, "orders", generic(failed)));

        assertThat(rejectedEvent.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(json.readTree(rejectedEvent.payload()).at("/violations/0/code").asString()).isEqualTo("pattern");
        assertThat(failedEvent.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void catalogRecordsAreAboutNoNamespace() {
        Envelope envelope = EventEnvelopes.create("cat-1", "catalog-admin", "catalog-service", OCCURRED);
        TierDefined tier = TierDefined.newBuilder().setEnvelope(envelope).setName("small").setCpu("2").setMemory("4Gi")
                .setStorage("20Gi").setPods(10).setServices(5).setPersistentVolumeClaims(10).setMonthlyCostCents(10_000)
                .setDefaultCpuRequest("100m").setDefaultCpuLimit("500m").setDefaultMemoryRequest("128Mi")
                .setDefaultMemoryLimit("512Mi").build();

        AuditEvent event = mapper.fromEvent(record(Topics.CATALOG.name(), 0, 7L, "tier:small", generic(tier)));

        assertThat(event.namespace()).isNull();
        assertThat(event.type()).isEqualTo("io.platform.events.catalog.TierDefined");
        assertThat(json.readTree(event.payload()).at("/monthlyCostCents").asLong()).isEqualTo(10_000L);
    }

    @Test
    void aTombstoneGetsAnIdFromItsPositionThatIsStableAcrossRedelivery() {
        ConsumerRecord<String, Object> tombstone = new ConsumerRecord<>(Topics.CATALOG.name(), 0, 9L,
                OCCURRED.toEpochMilli(), TimestampType.CREATE_TIME, 11, 0, "tier:legacy", null, new RecordHeaders(),
                Optional.empty());

        AuditEvent first = mapper.fromEvent(tombstone);
        AuditEvent again = mapper.fromEvent(record(Topics.CATALOG.name(), 0, 9L, "tier:legacy", null));
        AuditEvent other = mapper.fromEvent(record(Topics.CATALOG.name(), 0, 10L, "tier:legacy", null));

        assertThat(first.type()).isEqualTo(AuditRecordMapper.TOMBSTONE);
        assertThat(first.eventId()).isEqualTo(again.eventId()).isNotEqualTo(other.eventId());
        assertThat(first.occurredAt()).isEqualTo(OCCURRED);
        assertThat(json.readTree(first.payload()).at("/key").asString()).isEqualTo("tier:legacy");
    }

    @Test
    void replacesNulCharactersThePostgresTextTypesCannotHold() {
        Envelope envelope = EventEnvelopes.create("req-\u0000", "act\u0000or", "source", OCCURRED);
        NamespaceReady event = ready(envelope);
        event.getSpec().setDescription("a\u0000b");

        AuditEvent mapped = mapper.fromEvent(record(EVENTS, 0, 3L, "payments-api", generic(event)));

        assertThat(mapped.actor()).isEqualTo("act\uFFFDor");
        assertThat(mapped.requestId()).isEqualTo("req-\uFFFD");
        assertThat(mapped.payload()).doesNotContain("\\u0000");
        assertThat(json.readTree(mapped.payload()).at("/spec/description").asString()).isEqualTo("a\uFFFDb");
    }

    @Test
    void refusesAValueThatIsNotAnAvroRecord() {
        assertThatThrownBy(() -> mapper.fromEvent(record(EVENTS, 0, 0L, "x", "not avro")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsADeadLetterWithTheHeadersSpringKafkaAdds() {
        byte[] value = {0, 0, 0, 0, 42, 1, 2, 3};
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, EVENTS.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(1).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(1234L).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, "gateway-service".getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, "org.springframework.kafka.support.serializer.DeserializationException"
                .getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "failed to deserialize".getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, "at ...".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(EVENTS + "-dlt", 1, 5L, OCCURRED.toEpochMilli(),
                TimestampType.CREATE_TIME, 12, value.length, "payments-api".getBytes(StandardCharsets.UTF_8), value,
                headers, Optional.empty());

        AuditEvent event = mapper.fromDeadLetter(record);

        assertThat(event.type()).isEqualTo(AuditRecordMapper.DEAD_LETTER);
        assertThat(event.outcome()).isEqualTo(Outcome.DEAD_LETTER);
        assertThat(event.namespace()).isEqualTo("payments-api");
        assertThat(event.topic()).isEqualTo(EVENTS + "-dlt");
        assertThat(event.occurredAt()).isEqualTo(OCCURRED);
        assertThat(event.eventId()).isEqualTo(mapper.fromDeadLetter(record).eventId());
        JsonNode payload = json.readTree(event.payload());
        assertThat(payload.at("/deadLetter/originalTopic").asString()).isEqualTo(EVENTS);
        assertThat(payload.at("/deadLetter/originalPartition").asInt()).isEqualTo(1);
        assertThat(payload.at("/deadLetter/originalOffset").asLong()).isEqualTo(1234L);
        assertThat(payload.at("/deadLetter/consumerGroup").asString()).isEqualTo("gateway-service");
        assertThat(payload.at("/deadLetter/exceptionMessage").asString()).isEqualTo("failed to deserialize");
        assertThat(payload.at("/valueBase64").asString()).isEqualTo(Base64.getEncoder().encodeToString(value));
        assertThat(payload.has("stacktrace")).isFalse();
    }

    @Test
    void aRawDeadLetterWithoutHeadersIsStillStored() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.CATALOG.deadLetterTopic(), 0, 0L, null,
                "garbage".getBytes(StandardCharsets.UTF_8));

        AuditEvent event = mapper.fromDeadLetter(record);

        assertThat(event.namespace()).isNull();
        assertThat(json.readTree(event.payload()).at("/deadLetter/originalTopic").isNull()).isTrue();
    }

    private static NamespaceReady ready(Envelope envelope) {
        return NamespaceReady.newBuilder().setEnvelope(envelope).setSpec(NamespaceSpec.newBuilder()
                .setName("payments-api").setTeam("payments").setEnvironment("production").setTier("small")
                .setNetworkPolicy("isolated").setFeatures(List.of("monitoring")).setCostCenter("cc-42").build()).build();
    }

    /** What the generic deserializer produces: the record decoded with its writer schema, no generated class. */
    private static GenericRecord generic(SpecificRecord event) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(event.getSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConsumerRecord<String, Object> record(String topic, int partition, long offset, String key, Object value) {
        return new ConsumerRecord<>(topic, partition, offset, key, value);
    }
}
