package io.platform.analytics.domain;

import io.platform.analytics.domain.CostIntervalStore.CloseReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects namespace lifecycle facts onto cost intervals:
 * <ul>
 *   <li>{@code NamespaceReady} opens an interval priced at the tier's current monthly price;</li>
 *   <li>{@code NamespaceUpdated} with a different tier closes it and opens one at the new tier's price; a change of
 *       team, environment or cost center also splits it (so costs are attributed to the right owner), keeping the
 *       price snapshot;</li>
 *   <li>{@code NamespaceDeleted} closes it.</li>
 * </ul>
 * Idempotent (each event id is applied once) and safe against a late event of one namespace: a fact older than the
 * namespace's last interval boundary is ignored. Each call must run in one transaction with the store.
 */
public class CostProjection {

    private static final Logger log = LoggerFactory.getLogger(CostProjection.class);

    /** What an event did to the projection. */
    public enum Effect { OPENED, SPLIT, CLOSED, UNCHANGED, DUPLICATE, STALE }

    private final CostIntervalStore store;
    private final TierPrices prices;

    public CostProjection(CostIntervalStore store, TierPrices prices) {
        this.store = store;
        this.prices = prices;
    }

    public Effect namespaceReady(String eventId, Instant occurredAt, NamespaceAttributes attributes) {
        return apply(eventId, occurredAt, attributes.name(), () -> {
            Optional<CostInterval> open = store.findOpen(attributes.name());
            if (open.isEmpty()) {
                store.open(CostInterval.open(attributes, priceOf(attributes), occurredAt), eventId);
                return Effect.OPENED;
            }
            return change(eventId, occurredAt, open.get(), attributes);
        });
    }

    public Effect namespaceUpdated(String eventId, Instant occurredAt, NamespaceAttributes attributes) {
        return apply(eventId, occurredAt, attributes.name(), () -> {
            Optional<CostInterval> open = store.findOpen(attributes.name());
            if (open.isEmpty()) {
                // its NamespaceReady was never seen: cost starts with what is known now
                store.open(CostInterval.open(attributes, priceOf(attributes), occurredAt), eventId);
                return Effect.OPENED;
            }
            return change(eventId, occurredAt, open.get(), attributes);
        });
    }

    public Effect namespaceDeleted(String eventId, Instant occurredAt, String namespace) {
        return apply(eventId, occurredAt, namespace, () -> {
            if (store.findOpen(namespace).isEmpty()) {
                return Effect.UNCHANGED;
            }
            store.close(namespace, occurredAt, eventId, CloseReason.DELETED);
            return Effect.CLOSED;
        });
    }

    private Effect change(String eventId, Instant occurredAt, CostInterval open, NamespaceAttributes attributes) {
        if (open.attributes().equals(attributes)) {
            return Effect.UNCHANGED;
        }
        long price = Objects.equals(open.tier(), attributes.tier()) ? open.monthlyPriceCents() : priceOf(attributes);
        store.close(open.namespace(), occurredAt, eventId, CloseReason.CHANGED);
        store.open(CostInterval.open(attributes, price, occurredAt), eventId);
        return Effect.SPLIT;
    }

    private Effect apply(String eventId, Instant occurredAt, String namespace, java.util.function.Supplier<Effect> change) {
        if (!store.markProcessed(eventId, occurredAt)) {
            log.debug("event {} of {} already applied", eventId, namespace);
            return Effect.DUPLICATE;
        }
        Optional<Instant> lastChange = store.lastChange(namespace);
        if (lastChange.isPresent() && occurredAt.isBefore(lastChange.get())) {
            log.info("ignoring event {} of {}: it occurred at {}, before the last change at {}", eventId, namespace,
                    occurredAt, lastChange.get());
            return Effect.STALE;
        }
        Effect effect = change.get();
        log.debug("event {} of {}: {}", eventId, namespace, effect);
        return effect;
    }

    private long priceOf(NamespaceAttributes attributes) {
        return prices.monthlyCostCents(attributes.tier())
                .orElseThrow(() -> new UnknownTierPrice(attributes.tier(), attributes.name()));
    }
}
