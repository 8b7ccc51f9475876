package io.platform.audit.domain;

import static io.platform.audit.domain.HashChainTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    /** Two chains of five rows, ids in insertion order. */
    private static List<AuditRecord> chains() {
        List<AuditRecord> rows = new ArrayList<>();
        long id = 1;
        for (int partition = 0; partition < 2; partition++) {
            ChainHead head = ChainHead.genesis("t:" + partition);
            for (int offset = 0; offset < 5; offset++) {
                AuditRecord record = AuditRecord.append(head, event("e" + partition + offset, "t", partition, offset, "{}"));
                rows.add(withId(record, id++));
                head = record.asHead();
            }
        }
        return rows;
    }

    @Test
    void intactChainsVerify() {
        ChainVerifier.Verification result = verify(chains(), Map.of());

        assertThat(result.intact()).isTrue();
        assertThat(result.rows()).isEqualTo(10);
        assertThat(result.chainCount()).isEqualTo(2);
        assertThat(result.firstBroken()).isNull();
        assertThat(result.chains()).extracting(ChainVerifier.ChainSummary::headSeq).containsExactly(5L, 5L);
    }

    @Test
    void aChangedRowIsReportedByItsHash() {
        List<AuditRecord> rows = chains();
        AuditRecord original = rows.get(7);
        rows.set(7, new AuditRecord(original.id(), original.chain(), original.seq(), original.prevHash(), original.hash(),
                event(original.event().eventId(), "t", 1, 2, "{\"edited\":true}")));

        ChainVerifier.Verification result = verify(rows, Map.of());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBroken()).satisfies(broken -> {
            assertThat(broken.chain()).isEqualTo("t:1");
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.id()).isEqualTo(8L);
            assertThat(broken.reason()).isEqualTo("hash-mismatch");
        });
    }

    @Test
    void aDeletedRowIsReportedAtTheRowAfterTheGap() {
        List<AuditRecord> rows = chains();
        rows.remove(2);

        ChainVerifier.Verification result = verify(rows, Map.of());

        assertThat(result.firstBroken()).extracting(ChainVerifier.ChainBreak::chain, ChainVerifier.ChainBreak::seq,
                ChainVerifier.ChainBreak::reason).containsExactly("t:0", 4L, "gap");
    }

    @Test
    void anInsertedRowIsReportedByItsLinks() {
        List<AuditRecord> rows = chains();
        AuditRecord last = rows.get(4);
        rows.add(5, new AuditRecord(99L, "t:0", 6, last.hash(), new byte[32], event("forged", "t", 0, 9, "{}")));
        List<AuditRecord> forgedLink = chains();
        forgedLink.add(5, new AuditRecord(98L, "t:0", 6, new byte[32], new byte[32], event("forged", "t", 0, 9, "{}")));

        assertThat(verify(rows, Map.of()).firstBroken()).extracting(ChainVerifier.ChainBreak::seq,
                ChainVerifier.ChainBreak::eventId, ChainVerifier.ChainBreak::reason).containsExactly(6L, "forged", "hash-mismatch");
        assertThat(verify(forgedLink, Map.of()).firstBroken()).extracting(ChainVerifier.ChainBreak::reason)
                .isEqualTo("prev-hash-mismatch");
    }

    @Test
    void aChainContinuesFromItsArchiveAnchor() {
        List<AuditRecord> rows = chains();
        AuditRecord lastArchived = rows.get(1);
        List<AuditRecord> left = new ArrayList<>(rows.subList(2, 10));

        ChainVerifier.Verification anchored = verify(left, Map.of("t:0", lastArchived.asHead()));
        ChainVerifier.Verification withoutAnchor = verify(left, Map.of());

        assertThat(anchored.intact()).isTrue();
        assertThat(anchored.chains().get(0).anchored()).isTrue();
        assertThat(anchored.chains().get(0).startSeq()).isEqualTo(2);
        assertThat(withoutAnchor.firstBroken().reason()).isEqualTo("gap");
    }

    @Test
    void reportsTheEarliestInsertedBreakFirstAndEveryBrokenChain() {
        List<AuditRecord> rows = chains();
        rows.remove(8);
        rows.remove(1);

        ChainVerifier.Verification result = verify(rows, Map.of());

        assertThat(result.breaks()).hasSize(2);
        assertThat(result.firstBroken().chain()).isEqualTo("t:0");
    }

    private static ChainVerifier.Verification verify(List<AuditRecord> rows, Map<String, ChainHead> anchors) {
        ChainVerifier verifier = new ChainVerifier(anchors);
        rows.forEach(verifier::accept);
        return verifier.result(NOW);
    }

    private static AuditRecord withId(AuditRecord record, long id) {
        return new AuditRecord(id, record.chain(), record.seq(), record.prevHash(), record.hash(), record.event());
    }
}
