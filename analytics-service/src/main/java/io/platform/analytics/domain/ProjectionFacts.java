package io.platform.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;

/** Rows of the PostgreSQL projection, each with its full current content (writing one again is harmless). */
public final class ProjectionFacts {

    private ProjectionFacts() {
    }

    /** A fact and the key it replaces any earlier version of. */
    public sealed interface Fact {
        String key();
    }

    /** Latest state of a namespace (table {@code analytics_namespace}). */
    public record NamespaceRow(String namespace, String team, String environment, String tier, String costCenter,
                               NamespaceStatus status, Instant createdAt, Instant changedAt, Instant deletedAt,
                               int serviceInstances, int roleAssignments, long tierMonthlyPriceCents,
                               long instancesMonthlyPriceCents, String month, long monthToDateCostMicros, Instant asOf)
            implements Fact {
        @Override
        public String key() {
            return "ns|" + namespace;
        }
    }

    /**
     * A stretch of time a namespace's tier ({@code kind} tier, {@code item} the tier) or one of its service instances
     * ({@code kind} instance, {@code item} the instance name) was priced constantly, attributed to constant owner
     * attributes (table {@code cost_interval}); {@code validTo} null while open.
     */
    public record IntervalRow(String namespace, String kind, String item, String team, String environment, String tier,
                              String costCenter, String template, String version, long monthlyPriceCents,
                              Instant validFrom, Instant validTo, String closeReason) implements Fact {
        public static final String TIER = "tier";
        public static final String INSTANCE = "instance";

        @Override
        public String key() {
            return "iv|" + namespace + "|" + kind + "|" + item + "|" + validFrom.toEpochMilli();
        }

        public IntervalRow closed(Instant at, String reason) {
            return new IntervalRow(namespace, kind, item, team, environment, tier, costCenter, template, version,
                    monthlyPriceCents, validFrom, at.isBefore(validFrom) ? validFrom : at, reason);
        }
    }

    /**
     * A request and how it ended (table {@code provisioning_request}); {@code outcome} null while pending.
     *
     * @param outcome READY | UPDATED | DELETED | FAILED | REJECTED
     */
    public record RequestRow(String requestId, String namespace, String team, String environment, String tier,
                             String kind, Instant requestedAt, String outcome, Instant completedAt) implements Fact {
        @Override
        public String key() {
            return "rq|" + requestId;
        }
    }

    /** A change of a team's cost on one UTC day, in USD micros; {@code newNamespace}: first share of this namespace that day. */
    public record TeamDayDelta(String team, LocalDate day, long costMicros, boolean newNamespace) {
        public String key() {
            return team + "|" + day;
        }
    }
}
