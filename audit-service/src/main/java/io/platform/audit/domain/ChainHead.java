package io.platform.audit.domain;

import java.util.Objects;

/**
 * The last link of a chain: its sequence number and hash ({@code seq} 0 and {@link HashChain#GENESIS} for a chain
 * without rows), or the last row moved to an archive (an anchor).
 */
public record ChainHead(String chain, long seq, byte[] hash) {

    public ChainHead {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(hash, "hash");
    }

    public static ChainHead genesis(String chain) {
        return new ChainHead(chain, 0, HashChain.GENESIS);
    }
}
