package io.platform.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-walks hash chains row by row (rows of one chain in ascending {@code seq}; chains in any order) and reports, per
 * chain, the first row that does not link up:
 * <ul>
 *   <li>{@code gap}: its seq is not the one expected: rows before it were deleted;</li>
 *   <li>{@code prev-hash-mismatch}: its recorded previous hash is not the hash of the row before it (a row was
 *       inserted, or the one before it replaced);</li>
 *   <li>{@code hash-mismatch}: its content no longer hashes to its stored hash (it was changed).</li>
 * </ul>
 * A chain starts at its anchor (the last row moved to an archive) or at {@link HashChain#GENESIS} with seq 1.
 */
public class ChainVerifier {

    private final Map<String, ChainHead> anchors;
    private final Map<String, ChainState> chains = new LinkedHashMap<>();
    private long rows;

    public ChainVerifier(Map<String, ChainHead> anchors) {
        this.anchors = Map.copyOf(anchors);
    }

    public void accept(AuditRecord record) {
        rows++;
        ChainState state = chains.computeIfAbsent(record.chain(), chain -> new ChainState(
                anchors.getOrDefault(chain, ChainHead.genesis(chain)), anchors.containsKey(chain)));
        state.rows++;
        if (state.firstBreak != null) {
            state.last = record.asHead();
            return;
        }
        long expectedSeq = state.last.seq() + 1;
        if (record.seq() != expectedSeq) {
            state.firstBreak = ChainBreak.of(record, "gap", record.seq() > expectedSeq
                    ? "rows " + expectedSeq + ".." + (record.seq() - 1) + " of the chain are missing"
                    : "seq " + record.seq() + " follows seq " + state.last.seq());
        } else if (!Arrays.equals(record.prevHash(), state.last.hash())) {
            state.firstBreak = ChainBreak.of(record, "prev-hash-mismatch",
                    "its previous hash is not the hash of row " + state.last.seq());
        } else if (!Arrays.equals(record.hash(),
                HashChain.hash(record.prevHash(), HashChain.canonicalBytes(record.chain(), record.seq(), record.event())))) {
            state.firstBreak = ChainBreak.of(record, "hash-mismatch", "its content does not hash to its stored hash");
        }
        state.last = record.asHead();
    }

    public Verification result(Instant checkedAt) {
        List<ChainSummary> summaries = new ArrayList<>();
        List<ChainBreak> breaks = new ArrayList<>();
        chains.forEach((chain, state) -> {
            summaries.add(new ChainSummary(chain, state.rows, state.start.seq(), state.anchored, state.last.seq(),
                    HashChain.hex(state.last.hash()), state.firstBreak == null));
            if (state.firstBreak != null) {
                breaks.add(state.firstBreak);
            }
        });
        // anchored chains whose remaining rows were all archived
        anchors.forEach((chain, anchor) -> {
            if (!chains.containsKey(chain)) {
                summaries.add(new ChainSummary(chain, 0, anchor.seq(), true, anchor.seq(), HashChain.hex(anchor.hash()), true));
            }
        });
        summaries.sort(Comparator.comparing(ChainSummary::chain));
        breaks.sort(Comparator.comparing((ChainBreak b) -> b.id() == null ? Long.MAX_VALUE : b.id()));
        return new Verification(breaks.isEmpty(), rows, summaries.size(), checkedAt,
                breaks.isEmpty() ? null : breaks.get(0), List.copyOf(breaks), List.copyOf(summaries));
    }

    private static final class ChainState {
        final ChainHead start;
        final boolean anchored;
        ChainHead last;
        long rows;
        ChainBreak firstBreak;

        ChainState(ChainHead start, boolean anchored) {
            this.start = start;
            this.anchored = anchored;
            this.last = start;
        }
    }

    /** The first row of a chain that does not link up. */
    public record ChainBreak(String chain, long seq, Long id, String eventId, String reason, String detail) {
        static ChainBreak of(AuditRecord record, String reason, String detail) {
            return new ChainBreak(record.chain(), record.seq(), record.id(), record.event().eventId(), reason, detail);
        }
    }

    /**
     * @param startSeq the anchor's seq (0 when the chain starts at genesis)
     * @param headSeq  seq of the last row checked
     * @param headHash its hash (hex): publish it elsewhere to detect a truncated tail later
     */
    public record ChainSummary(String chain, long rows, long startSeq, boolean anchored, long headSeq, String headHash,
                               boolean intact) {
    }

    /**
     * @param firstBroken the break of the lowest row id (earliest inserted) among all chains, if any
     */
    public record Verification(boolean intact, long rows, int chainCount, Instant checkedAt, ChainBreak firstBroken,
                               List<ChainBreak> breaks, List<ChainSummary> chains) {
    }
}
