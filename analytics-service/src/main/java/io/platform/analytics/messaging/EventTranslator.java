package io.platform.analytics.messaging;

import io.platform.analytics.domain.LifecycleEvent;
import io.platform.analytics.domain.NamespaceAttributes;
import io.platform.events.Envelope;
import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.RequestRejected;
import io.platform.events.rbac.RoleAssigned;
import io.platform.events.rbac.RoleRevoked;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns platform events into {@link LifecycleEvent}s, pricing tiers and templates from the catalog. Events that do
 * not matter to analytics (policies applied, RBAC roles created, ...) translate to nothing.
 */
public final class EventTranslator {

    private final Function<String, Optional<SpecificRecord>> catalog;

    /** @param catalog the catalog record under a key ({@code tier:<name>}, {@code template:<name>@<version>}) */
    public EventTranslator(Function<String, Optional<SpecificRecord>> catalog) {
        this.catalog = catalog;
    }

    public Optional<LifecycleEvent> translate(SpecificRecord event) {
        if (event instanceof NamespaceRequested e) {
            return Optional.of(new LifecycleEvent.Requested(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), LifecycleEvent.RequestKind.CREATE, attributes(e.getSpec())));
        }
        if (event instanceof NamespaceUpdateRequested e) {
            return Optional.of(new LifecycleEvent.Requested(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), LifecycleEvent.RequestKind.UPDATE, null));
        }
        if (event instanceof NamespaceDeletionRequested e) {
            return Optional.of(new LifecycleEvent.Requested(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), LifecycleEvent.RequestKind.DELETE, null));
        }
        if (event instanceof NamespaceProvisioned e) {
            return Optional.of(new LifecycleEvent.Provisioned(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt()));
        }
        if (event instanceof NamespaceReady e) {
            NamespaceAttributes attributes = attributes(e.getSpec());
            return Optional.of(new LifecycleEvent.Ready(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), attributes, tierPrice(attributes.tier())));
        }
        if (event instanceof NamespaceUpdated e) {
            NamespaceAttributes attributes = attributes(e.getSpec());
            return Optional.of(new LifecycleEvent.Updated(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), attributes, tierPrice(attributes.tier())));
        }
        if (event instanceof NamespaceDeleted e) {
            return Optional.of(new LifecycleEvent.Deleted(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt()));
        }
        if (event instanceof NamespaceProvisioningFailed e) {
            return Optional.of(new LifecycleEvent.Failed(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt()));
        }
        if (event instanceof RequestRejected e) {
            return Optional.of(new LifecycleEvent.Rejected(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), null));
        }
        if (event instanceof ServiceInstanceDeployed e) {
            long price = e.getMonthlyCostCents() > 0 ? e.getMonthlyCostCents() : templatePrice(e.getTemplate(), e.getVersion());
            return Optional.of(new LifecycleEvent.InstanceDeployed(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), e.getInstanceName(), e.getTemplate(), e.getVersion(), price));
        }
        if (event instanceof ServiceInstanceDeleted e) {
            return Optional.of(new LifecycleEvent.InstanceDeleted(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), e.getInstanceName()));
        }
        if (event instanceof RoleAssigned e) {
            return Optional.of(new LifecycleEvent.RoleAssignment(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), 1));
        }
        if (event instanceof RoleRevoked e) {
            return Optional.of(new LifecycleEvent.RoleAssignment(id(e.getEnvelope()), e.getEnvelope().getRequestId(),
                    e.getEnvelope().getOccurredAt(), -1));
        }
        return Optional.empty();
    }

    /** The tier's monthly price now; 0 when the catalog does not (yet) define the tier. */
    long tierPrice(String tier) {
        return catalog.apply("tier:" + tier).filter(TierDefined.class::isInstance).map(TierDefined.class::cast)
                .map(TierDefined::getMonthlyCostCents).orElse(0L);
    }

    long templatePrice(String template, String version) {
        return catalog.apply("template:" + template + "@" + version).filter(TemplateDefined.class::isInstance)
                .map(TemplateDefined.class::cast).map(TemplateDefined::getMonthlyCostCents).orElse(0L);
    }

    static NamespaceAttributes attributes(NamespaceSpec spec) {
        String costCenter = spec.getCostCenter() == null || spec.getCostCenter().isBlank() ? null : spec.getCostCenter();
        return new NamespaceAttributes(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(), costCenter);
    }

    private static String id(Envelope envelope) {
        return envelope.getEventId();
    }
}
