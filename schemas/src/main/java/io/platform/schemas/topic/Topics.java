package io.platform.schemas.topic;

import io.platform.events.analytics.NamespaceCost;
import io.platform.events.analytics.TeamDailyCost;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeletionRequested;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.instances.ServiceInstanceFailed;
import io.platform.events.instances.ServiceInstanceRequested;
import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.namespace.RequestRejected;
import io.platform.events.rbac.RoleAssigned;
import io.platform.events.rbac.RoleCreated;
import io.platform.events.rbac.RoleDeleted;
import io.platform.events.rbac.RoleRevoked;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The platform's topic catalog: the only place topic names, shapes and event types are declared.
 * Services, the deployment manifests and the tests all read it from here.
 */
public final class Topics {

    private static final Duration SEVEN_DAYS = Duration.ofDays(7);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    /** Requests to create, change or delete a namespace. Key: namespace name. Written by gateway and external systems. */
    public static final TopicSpec<SpecificRecord> NAMESPACE_REQUESTS = new TopicSpec<>(
            "platform.namespace.requests.v1", 3, CleanupPolicy.DELETE, THIRTY_DAYS, "namespace name",
            SpecificRecord.class,
            List.of(NamespaceRequested.class, NamespaceUpdateRequested.class, NamespaceDeletionRequested.class));

    /** Lifecycle facts of namespaces. Key: namespace name, so one namespace's history stays in order. */
    public static final TopicSpec<SpecificRecord> NAMESPACE_EVENTS = new TopicSpec<>(
            "platform.namespace.events.v1", 3, CleanupPolicy.DELETE, THIRTY_DAYS, "namespace name",
            SpecificRecord.class,
            List.of(NamespaceProvisioned.class, PoliciesApplied.class, RbacApplied.class, RbacFailed.class,
                    NamespaceReady.class, NamespaceProvisioningFailed.class, NamespaceUpdated.class,
                    NamespaceDeleted.class, RequestRejected.class, DriftCorrected.class,
                    NamespaceDeletionStarted.class, RbacRemoved.class));

    /**
     * Tiers, features and template versions, latest definition per key (tier:&lt;name&gt;, feature:&lt;name&gt;,
     * template:&lt;name&gt;@&lt;version&gt;). Compacted.
     */
    public static final TopicSpec<SpecificRecord> CATALOG = new TopicSpec<>(
            "platform.catalog.v1", 1, CleanupPolicy.COMPACT, null, "tier:<name> | feature:<name> | template:<name>@<version>",
            SpecificRecord.class,
            List.of(TierDefined.class, FeatureDefined.class, TemplateDefined.class));

    /** Service instances: requests from catalog-service and outcomes from provisioning-service. Key: namespace name. */
    public static final TopicSpec<SpecificRecord> SERVICE_INSTANCES = new TopicSpec<>(
            "platform.service-instances.v1", 3, CleanupPolicy.DELETE, THIRTY_DAYS, "namespace name",
            SpecificRecord.class,
            List.of(ServiceInstanceRequested.class, ServiceInstanceDeletionRequested.class, ServiceInstanceDeployed.class,
                    ServiceInstanceFailed.class, ServiceInstanceDeleted.class));

    /** Custom roles and role assignments. Key: the namespace, or {@code cluster} for cluster-wide roles. */
    public static final TopicSpec<SpecificRecord> RBAC_EVENTS = new TopicSpec<>(
            "platform.rbac.events.v1", 3, CleanupPolicy.DELETE, THIRTY_DAYS, "namespace name | cluster",
            SpecificRecord.class,
            List.of(RoleCreated.class, RoleDeleted.class, RoleAssigned.class, RoleRevoked.class));

    /** For BI tools: latest state and month-to-date cost per namespace. Compacted. */
    public static final TopicSpec<NamespaceCost> ANALYTICS_NAMESPACE_COSTS = new TopicSpec<>(
            "platform.analytics.namespace-costs.v1", 3, CleanupPolicy.COMPACT, null, "namespace name",
            NamespaceCost.class, List.of(NamespaceCost.class));

    /** For BI tools: cost per team and UTC day. Compacted. */
    public static final TopicSpec<TeamDailyCost> ANALYTICS_TEAM_COSTS_DAILY = new TopicSpec<>(
            "platform.analytics.team-costs-daily.v1", 3, CleanupPolicy.COMPACT, null, "<team>|<yyyy-MM-dd>",
            TeamDailyCost.class, List.of(TeamDailyCost.class));

    public static final List<TopicSpec<? extends SpecificRecord>> ALL = List.of(
            NAMESPACE_REQUESTS, NAMESPACE_EVENTS, CATALOG, SERVICE_INSTANCES, RBAC_EVENTS,
            ANALYTICS_NAMESPACE_COSTS, ANALYTICS_TEAM_COSTS_DAILY);

    private Topics() {
    }

    public static Optional<TopicSpec<? extends SpecificRecord>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /** Every topic a consumer may dead-letter into. */
    public static List<String> deadLetterTopics() {
        return ALL.stream().map(TopicSpec::deadLetterTopic).toList();
    }

    /** The topic an event type is published on. */
    public static TopicSpec<? extends SpecificRecord> topicOf(Class<? extends SpecificRecord> eventType) {
        return ALL.stream().filter(topic -> topic.carries(eventType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventType.getName() + " is on no topic of the catalog"));
    }
}
