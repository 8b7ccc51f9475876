package io.platform.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.namespace.NamespaceDeleted;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void mirrorsTheEnvelopeIntoBinaryModeHeaders() {
        var envelope = EventEnvelopes.create("req-1", "alice", "gateway-service", Instant.parse("2026-03-01T12:00:00.250Z"));
        var event = NamespaceDeleted.newBuilder().setEnvelope(envelope).setName("shop").setTeam("payments").build();
        var headers = new RecordHeaders();

        CloudEventHeaders.write(headers, event, envelope, "shop");

        assertThat(CloudEventHeaders.read(headers, "ce_id")).isEqualTo(envelope.getEventId());
        assertThat(CloudEventHeaders.read(headers, "ce_type")).isEqualTo("io.platform.events.namespace.NamespaceDeleted");
        assertThat(CloudEventHeaders.read(headers, "ce_source")).isEqualTo("gateway-service");
        assertThat(CloudEventHeaders.read(headers, "ce_time")).isEqualTo("2026-03-01T12:00:00.250Z");
        assertThat(CloudEventHeaders.read(headers, "ce_subject")).isEqualTo("shop");
        assertThat(CloudEventHeaders.read(headers, "ce_specversion")).isEqualTo("1.0");
    }

    @Test
    void writingTwiceKeepsOneValuePerHeader() {
        var envelope = EventEnvelopes.create("req-1", "alice", "gateway-service", Instant.now());
        var event = NamespaceDeleted.newBuilder().setEnvelope(envelope).setName("shop").setTeam("payments").build();
        var headers = new RecordHeaders();

        CloudEventHeaders.write(headers, event, envelope, "shop");
        CloudEventHeaders.write(headers, event, envelope, "shop");

        assertThat(headers.headers("ce_id")).hasSize(1);
    }
}
