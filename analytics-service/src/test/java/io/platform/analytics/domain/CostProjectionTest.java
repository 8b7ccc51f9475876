package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.analytics.domain.CostProjection.Effect;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostProjectionTest {

    private static final Map<String, Long> PRICES = Map.of("small", 10_000L, "medium", 20_000L);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final InMemoryCostIntervalStore store = new InMemoryCostIntervalStore();
    private final CostProjection projection = new CostProjection(store, tier -> Optional.ofNullable(PRICES.get(tier)));

    @Test
    void readyOpensAnIntervalAtTheTiersCurrentPrice() {
        Effect effect = projection.namespaceReady("e1", T0, attributes("small", "cc-1"));

        assertThat(effect).isEqualTo(Effect.OPENED);
        assertThat(store.of("payments-api")).containsExactly(
                new CostInterval("payments-api", "payments", "production", "small", "cc-1", 10_000, T0, null));
    }

    @Test
    void anEventAppliedTwiceChangesNothingTheSecondTime() {
        projection.namespaceReady("e1", T0, attributes("small", null));

        Effect again = projection.namespaceReady("e1", T0, attributes("small", null));

        assertThat(again).isEqualTo(Effect.DUPLICATE);
        assertThat(store.of("payments-api")).hasSize(1);
    }

    @Test
    void aTierChangeClosesTheIntervalAndOpensOneAtTheNewPrice() {
        projection.namespaceReady("e1", T0, attributes("small", null));
        Instant changed = T0.plusSeconds(3600);

        Effect effect = projection.namespaceUpdated("e2", changed, attributes("medium", null));

        assertThat(effect).isEqualTo(Effect.SPLIT);
        assertThat(store.of("payments-api")).containsExactly(
                new CostInterval("payments-api", "payments", "production", "small", null, 10_000, T0, changed),
                new CostInterval("payments-api", "payments", "production", "medium", null, 20_000, changed, null));
    }

    @Test
    void aCostCenterChangeSplitsTheIntervalButKeepsThePriceSnapshot() {
        InMemoryCostIntervalStore pricedBefore = new InMemoryCostIntervalStore();
        pricedBefore.open(new CostInterval("payments-api", "payments", "production", "small", "cc-1", 9_000, T0, null), "e0");
        CostProjection withNewCatalogPrice = new CostProjection(pricedBefore, tier -> Optional.ofNullable(PRICES.get(tier)));
        Instant changed = T0.plusSeconds(60);

        withNewCatalogPrice.namespaceUpdated("e2", changed, attributes("small", "cc-2"));

        assertThat(pricedBefore.of("payments-api")).extracting(CostInterval::costCenter, CostInterval::monthlyPriceCents)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cc-1", 9_000L), org.assertj.core.groups.Tuple.tuple("cc-2", 9_000L));
    }

    @Test
    void anUpdateThatChangesNothingCostRelevantKeepsTheInterval() {
        projection.namespaceReady("e1", T0, attributes("small", null));

        Effect effect = projection.namespaceUpdated("e2", T0.plusSeconds(60), attributes("small", null));

        assertThat(effect).isEqualTo(Effect.UNCHANGED);
        assertThat(store.of("payments-api")).hasSize(1).allMatch(CostInterval::isOpen);
    }

    @Test
    void deletionClosesTheInterval() {
        projection.namespaceReady("e1", T0, attributes("small", null));
        Instant deleted = T0.plusSeconds(7200);

        Effect effect = projection.namespaceDeleted("e3", deleted, "payments-api");

        assertThat(effect).isEqualTo(Effect.CLOSED);
        assertThat(store.of("payments-api")).singleElement().extracting(CostInterval::to).isEqualTo(deleted);
    }

    @Test
    void aLateEventOlderThanTheLastChangeIsIgnored() {
        projection.namespaceReady("e1", T0, attributes("small", null));
        projection.namespaceDeleted("e3", T0.plusSeconds(7200), "payments-api");

        Effect late = projection.namespaceUpdated("e2", T0.plusSeconds(3600), attributes("medium", null));

        assertThat(late).isEqualTo(Effect.STALE);
        assertThat(store.of("payments-api")).singleElement().extracting(CostInterval::tier).isEqualTo("small");
    }

    @Test
    void aNamespaceCreatedAgainAfterDeletionOpensANewInterval() {
        projection.namespaceReady("e1", T0, attributes("small", null));
        projection.namespaceDeleted("e2", T0.plusSeconds(60), "payments-api");

        Effect effect = projection.namespaceReady("e3", T0.plusSeconds(120), attributes("medium", null));

        assertThat(effect).isEqualTo(Effect.OPENED);
        assertThat(store.of("payments-api")).hasSize(2).last().extracting(CostInterval::tier).isEqualTo("medium");
    }

    @Test
    void anUpdateOfANamespaceNeverSeenReadyStartsCostingFromTheUpdate() {
        Effect effect = projection.namespaceUpdated("e2", T0, attributes("medium", null));

        assertThat(effect).isEqualTo(Effect.OPENED);
        assertThat(store.of("payments-api")).singleElement().extracting(CostInterval::monthlyPriceCents).isEqualTo(20_000L);
    }

    @Test
    void deletingANamespaceWithoutOpenIntervalChangesNothing() {
        assertThat(projection.namespaceDeleted("e9", T0, "unknown")).isEqualTo(Effect.UNCHANGED);
        assertThat(store.intervals).isEmpty();
    }

    @Test
    void aTierWithoutPriceFailsSoTheEventIsRetried() {
        assertThatThrownBy(() -> projection.namespaceReady("e1", T0, attributes("gold", null)))
                .isInstanceOf(UnknownTierPrice.class).hasMessageContaining("gold");
    }

    private static NamespaceAttributes attributes(String tier, String costCenter) {
        return new NamespaceAttributes("payments-api", "payments", "production", tier, costCenter);
    }
}
