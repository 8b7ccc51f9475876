package io.platform.analytics.messaging;

import io.platform.analytics.domain.NamespaceLifecycle;
import io.platform.analytics.domain.NamespaceStatus;
import io.platform.events.Envelope;
import io.platform.events.analytics.NamespaceCost;
import io.platform.events.analytics.TeamDailyCost;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/** The records BI tools read from the compacted analytics topics. */
final class BiRecords {

    static final String SOURCE = "analytics-service";

    private BiRecords() {
    }

    /**
     * The namespace's latest state and month-to-date cost; null before it was ever ready. The envelope carries the
     * request id of the last event that changed the namespace, so the record joins that request's trail.
     */
    static NamespaceCost namespaceCost(NamespaceLifecycle state, String requestId) {
        if (state.createdAt == null || state.accountedUntil == null) {
            return null;
        }
        Instant asOf = state.accountedUntil;
        String month = YearMonth.from(asOf.atOffset(ZoneOffset.UTC)).toString();
        long monthToDate = month.equals(state.month) ? state.monthToDateMicros() : 0;
        String key = state.name + "/" + asOf.toEpochMilli() + "/" + monthToDate + "/" + state.tier + "/" + state.team
                + "/" + state.instances.size() + "/" + state.status;
        return NamespaceCost.newBuilder()
                .setEnvelope(envelope(key, requestId == null ? "namespace-cost:" + state.name : requestId, asOf))
                .setNamespace(state.name)
                .setTeam(nonNull(state.team))
                .setEnvironment(nonNull(state.environment))
                .setTier(nonNull(state.tier))
                .setCostCenter(state.costCenter)
                .setStatus(state.status == NamespaceStatus.DELETED ? "DELETED" : "ACTIVE")
                .setCreatedAt(state.createdAt)
                .setDeletedAt(state.deletedAt)
                .setMonth(month)
                .setMonthToDateCostMicros(monthToDate)
                .setServiceInstances(state.instances.size())
                .setAsOf(asOf)
                .build();
    }

    static TeamDailyCost teamDailyCost(TeamDayTotal total, Instant asOf) {
        String key = total.team() + "|" + total.day() + "/" + total.costMicros() + "/" + total.namespaces();
        return TeamDailyCost.newBuilder()
                .setEnvelope(envelope(key, "team-cost:" + total.team() + "|" + total.day(), asOf))
                .setTeam(nonNull(total.team()))
                .setDay(total.day())
                .setCostMicros(total.costMicros())
                .setNamespaces(total.namespaces())
                .setAsOf(asOf)
                .build();
    }

    /** A name-based event id: the same content re-emitted (after a restart) has the same id. */
    private static Envelope envelope(String content, String requestId, Instant at) {
        return Envelope.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)).toString())
                .setRequestId(requestId)
                .setOccurredAt(at)
                .setActor(SOURCE)
                .setSource(SOURCE)
                .build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
