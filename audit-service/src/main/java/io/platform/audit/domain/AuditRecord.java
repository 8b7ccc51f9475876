package io.platform.audit.domain;

import java.util.Objects;

/**
 * A stored audit row: the event and its link in the hash chain of its topic partition.
 *
 * @param id       insertion order ({@code null} before it is stored)
 * @param seq      position in the chain, 1 for the first row ever appended to it
 * @param prevHash hash of the row before it in the chain ({@link HashChain#GENESIS} for the first)
 * @param hash     {@code sha256(prevHash ‖ canonical bytes)}
 */
public record AuditRecord(Long id, String chain, long seq, byte[] prevHash, byte[] hash, AuditEvent event) {

    public AuditRecord {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(event, "event");
    }

    /** Chains the event after {@code head}. */
    public static AuditRecord append(ChainHead head, AuditEvent event) {
        long seq = head.seq() + 1;
        byte[] hash = HashChain.hash(head.hash(), HashChain.canonicalBytes(head.chain(), seq, event));
        return new AuditRecord(null, head.chain(), seq, head.hash(), hash, event);
    }

    public ChainHead asHead() {
        return new ChainHead(chain, seq, hash);
    }
}
