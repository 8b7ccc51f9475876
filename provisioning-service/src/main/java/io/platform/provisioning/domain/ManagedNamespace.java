package io.platform.provisioning.domain;

import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's record of a namespace: who owns the name, where it stands, and exactly what was applied (the spec
 * together with the tier and feature definitions of the catalog at that time). This record, not the cluster, is the
 * source of truth: drift repair and the refill after a restart recompute the desired objects from it, and a day-2
 * change knows which labels it must remove.
 *
 * @param ownerRequestId the create request that owns the name (written into {@code platform.io/request-id})
 * @param actor          who asked for the namespace ({@code platform.io/requested-by})
 * @param tier           the tier definition applied; {@code null} only for records written before it was kept
 * @param features       the feature definitions applied, in spec order
 * @param lastRequestId  the last request that changed the namespace (create, update or delete)
 */
public record ManagedNamespace(
        String name,
        String team,
        String ownerRequestId,
        String actor,
        SagaStatus status,
        NamespaceSpecification spec,
        TierInfo tier,
        List<FeatureInfo> features,
        String lastRequestId,
        Instant createdAt,
        Instant updatedAt) {

    public ManagedNamespace {
        Objects.requireNonNull(name);
        Objects.requireNonNull(ownerRequestId);
        Objects.requireNonNull(status);
        features = features == null ? List.of() : List.copyOf(features);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }

    /** The record a create request claims the name with. */
    public static ManagedNamespace claimedBy(ProvisioningSaga saga, TierInfo tier, List<FeatureInfo> features) {
        return new ManagedNamespace(saga.name(), saga.team(), saga.requestId(), saga.actor(), saga.status(), saga.spec(),
                tier, features, saga.requestId(), saga.createdAt(), saga.updatedAt());
    }

    /** The objects this record stands for; empty while nothing was applied yet (no tier recorded). */
    public Optional<DesiredObjects> desired(PolicySettings settings) {
        if (tier == null || spec == null || spec.team() == null) {
            return Optional.empty();
        }
        return Optional.of(DesiredObjects.of(spec, tier, features, settings, ownerRequestId, actor));
    }

    public ManagedNamespace withStatus(SagaStatus newStatus, String requestId, Instant now) {
        return new ManagedNamespace(name, team, ownerRequestId, actor, newStatus, spec, tier, features, requestId,
                createdAt, now);
    }

    /** The namespace as a change left it. */
    public ManagedNamespace applied(NamespaceSpecification newSpec, TierInfo newTier, List<FeatureInfo> newFeatures,
                                    SagaStatus newStatus, String requestId, Instant now) {
        return new ManagedNamespace(name, team, ownerRequestId, actor, newStatus, newSpec, newTier, newFeatures,
                requestId, createdAt, now);
    }

    public boolean isOwnedBy(String requestId) {
        return ownerRequestId.equals(requestId);
    }
}
