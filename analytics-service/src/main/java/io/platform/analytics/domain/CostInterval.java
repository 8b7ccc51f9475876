package io.platform.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of a namespace's life with constant attributes and price: from {@code NamespaceReady} (or a tier
 * change) until the next tier change or {@code NamespaceDeleted}; {@code to == null} while it is still open.
 *
 * @param monthlyPriceCents the tier's monthly price when the interval opened (a snapshot: later catalog price
 *                          changes do not re-price the past)
 */
public record CostInterval(String namespace, String team, String environment, String tier, String costCenter,
                           long monthlyPriceCents, Instant from, Instant to) {

    public CostInterval {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(from, "from");
        if (monthlyPriceCents < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("an interval cannot end before it starts");
        }
    }

    public static CostInterval open(NamespaceAttributes attributes, long monthlyPriceCents, Instant from) {
        return new CostInterval(attributes.name(), attributes.team(), attributes.environment(), attributes.tier(),
                attributes.costCenter(), monthlyPriceCents, from, null);
    }

    public boolean isOpen() {
        return to == null;
    }

    /** Monthly price in US dollars. */
    public BigDecimal monthlyPrice() {
        return BigDecimal.valueOf(monthlyPriceCents, 2);
    }

    /** When the interval stops accruing: its end, or {@code asOf} while it is open. */
    public Instant endOr(Instant asOf) {
        return to != null ? to : asOf;
    }

    public NamespaceAttributes attributes() {
        return new NamespaceAttributes(namespace, team, environment, tier, costCenter);
    }
}
