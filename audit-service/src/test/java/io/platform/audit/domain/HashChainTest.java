package io.platform.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashChainTest {

    static AuditEvent event(String eventId, String topic, int partition, long offset, String payload) {
        return new AuditEvent(eventId, "io.platform.events.namespace.NamespaceReady", topic, partition, offset,
                "payments-api", "payments", "req-1", "team-payments", "provisioning-service",
                Instant.parse("2026-12-04T10:00:00.123Z"), Instant.parse("2026-12-04T10:00:01.123456789Z"), Outcome.OK,
                payload);
    }

    @Test
    void theFirstRowOfAChainFollowsGenesisAndEachRowHashesItsPredecessorsHash() throws Exception {
        AuditRecord first = AuditRecord.append(ChainHead.genesis("t:0"), event("e1", "t", 0, 0, "{\"a\":1}"));
        AuditRecord second = AuditRecord.append(first.asHead(), event("e2", "t", 0, 1, "{\"a\":2}"));

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(first.hash());
        sha256.update(HashChain.canonicalBytes("t:0", 2, second.event()));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(new byte[32]);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(sha256.digest());
    }

    @Test
    void canonicalBytesAreLengthPrefixedUtf8FieldsInAFixedOrderWithMicroseconds() {
        AuditEvent event = new AuditEvent("e", "T", "t", 1, 2, null, null, null, null, null, Instant.ofEpochMilli(1),
                Instant.parse("1970-01-01T00:00:00.000002999Z"), Outcome.OK, "{}");

        byte[] bytes = HashChain.canonicalBytes("t:1", 7, event);

        String expected = field("audit-v1") + field("t:1") + field("7") + field("e") + field("T") + field("t") + field("1")
                + field("2") + "ffffffff".repeat(5) + field("1000") + field("2") + field("ok") + field("{}");
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void anyChangeOfAFieldChangesTheHash() {
        AuditRecord original = AuditRecord.append(ChainHead.genesis("t:0"), event("e1", "t", 0, 0, "{\"a\":1}"));
        AuditRecord changed = AuditRecord.append(ChainHead.genesis("t:0"), event("e1", "t", 0, 0, "{\"a\":2}"));

        assertThat(changed.hash()).isNotEqualTo(original.hash());
    }

    private static String field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return String.format("%08x", bytes.length) + HexFormat.of().formatHex(bytes);
    }
}
