package io.platform.analytics.domain;

import io.platform.analytics.domain.LifecycleEvent.Deleted;
import io.platform.analytics.domain.LifecycleEvent.Failed;
import io.platform.analytics.domain.LifecycleEvent.InstanceDeleted;
import io.platform.analytics.domain.LifecycleEvent.InstanceDeployed;
import io.platform.analytics.domain.LifecycleEvent.Provisioned;
import io.platform.analytics.domain.LifecycleEvent.Ready;
import io.platform.analytics.domain.LifecycleEvent.Rejected;
import io.platform.analytics.domain.LifecycleEvent.Requested;
import io.platform.analytics.domain.LifecycleEvent.RoleAssignment;
import io.platform.analytics.domain.LifecycleEvent.Updated;
import io.platform.analytics.domain.ProjectionFacts.IntervalRow;
import io.platform.analytics.domain.ProjectionFacts.NamespaceRow;
import io.platform.analytics.domain.ProjectionFacts.RequestRow;
import io.platform.analytics.domain.ProjectionFacts.TeamDayDelta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything analytics knows about one namespace, updated event by event (the state Kafka Streams keeps per namespace):
 * owner attributes, status, created/changed/deleted times, the open tier and service-instance prices, role
 * assignments, pending requests, and how far its cost has been accounted.
 *
 * <p>Cost is accounted incrementally and exactly: whenever time moves on for a namespace (an event of it, or a periodic
 * refresh), the stretch since {@link #accountedUntil} is priced with the prices in force during it (tier plus
 * service instances; monthly price × time ÷ length of that calendar month, {@link CostCalculator}), split at UTC
 * midnights. Per (team, day) the exact running cost is kept; what is emitted is the change of its value rounded to USD
 * micros, so the deltas of a day always add up to its exactly rounded total.
 *
 * <p>A plain mutable object with public fields: it is serialized as the Streams state of the namespace.
 */
public final class NamespaceLifecycle {

    static final int REMEMBERED_EVENT_IDS = 4;
    static final int MAX_PENDING_REQUESTS = 64;
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    public String name;
    public String team;
    public String environment;
    public String tier;
    public String costCenter;
    public NamespaceStatus status;
    public Instant createdAt;
    public Instant changedAt;
    public Instant deletedAt;
    /** Start and price of the open tier interval; null while the namespace is not alive. */
    public Instant tierSince;
    public long tierPriceCents;
    public Map<String, Instance> instances = new TreeMap<>();
    public int roleAssignments;
    public Map<String, Pending> pending = new LinkedHashMap<>();
    public Instant accountedUntil;
    public String dayKey;
    public BigDecimal dayExact = BigDecimal.ZERO;
    public String month;
    public BigDecimal monthExact = BigDecimal.ZERO;
    public Deque<String> recentEventIds = new ArrayDeque<>();

    /** An open service-instance interval. */
    public record Instance(String template, String version, long priceCents, Instant since) {
    }

    /** A request not answered yet. */
    public record Pending(String kind, Instant requestedAt) {
    }

    /** What applying an event (or a refresh) changed. */
    public static final class Changes {
        public final List<ProjectionFacts.Fact> facts = new ArrayList<>();
        public final List<TeamDayDelta> deltas = new ArrayList<>();
        /** The namespace's cost record for BI tools changed. */
        public boolean costChanged;
        public boolean duplicate;
        public boolean stale;
    }

    public static NamespaceLifecycle of(String name) {
        NamespaceLifecycle lifecycle = new NamespaceLifecycle();
        lifecycle.name = Objects.requireNonNull(name);
        return lifecycle;
    }

    public boolean alive() {
        return tierSince != null;
    }

    /** Applies one event; a redelivered event id, or an event older than the last change, changes nothing. */
    public Changes apply(LifecycleEvent event) {
        Changes changes = new Changes();
        if (event.eventId() != null && recentEventIds.contains(event.eventId())) {
            changes.duplicate = true;
            return changes;
        }
        remember(event.eventId());
        if (event instanceof Requested requested) {
            requested(requested, changes);
        } else if (event instanceof Provisioned provisioned) {
            if (!alive() && status != NamespaceStatus.DELETED) {
                status = NamespaceStatus.PROVISIONING;
                changedAt = provisioned.at();
                row(changes);
            }
        } else if (event instanceof Ready ready) {
            if (alive()) {
                change(ready.at(), ready.attributes(), ready.tierPriceCents(), changes);
            } else {
                open(ready.at(), ready.attributes(), ready.tierPriceCents(), changes);
            }
            complete(ready.requestId(), "READY", ready.at(), changes);
        } else if (event instanceof Updated updated) {
            if (alive()) {
                change(updated.at(), updated.attributes(), updated.tierPriceCents(), changes);
            } else {
                // its NamespaceReady was never seen: cost starts with what is known now
                open(updated.at(), updated.attributes(), updated.tierPriceCents(), changes);
            }
            complete(updated.requestId(), "UPDATED", updated.at(), changes);
        } else if (event instanceof Deleted deleted) {
            if (alive() && !isStale(deleted.at(), changes)) {
                accountTo(deleted.at(), changes);
                closeAll(deleted.at(), "deleted", changes);
                tierSince = null;
                instances.clear();
                deletedAt = deleted.at();
                changedAt = deleted.at();
                changes.costChanged = true;
            }
            status = NamespaceStatus.DELETED;
            complete(deleted.requestId(), "DELETED", deleted.at(), changes);
        } else if (event instanceof Failed failed) {
            if (!alive() && status != NamespaceStatus.DELETED) {
                status = NamespaceStatus.FAILED;
            }
            complete(failed.requestId(), "FAILED", failed.at(), changes);
        } else if (event instanceof Rejected rejected) {
            if (!alive() && (status == null || status == NamespaceStatus.PENDING)) {
                status = NamespaceStatus.REJECTED;
                adopt(rejected.attributes());
            }
            complete(rejected.requestId(), "REJECTED", rejected.at(), changes);
        } else if (event instanceof InstanceDeployed deployed) {
            deployed(deployed, changes);
        } else if (event instanceof InstanceDeleted gone) {
            Instance open = instances.get(gone.instance());
            if (open != null && !isStale(gone.at(), changes)) {
                accountTo(gone.at(), changes);
                changes.facts.add(instanceRow(gone.instance(), open).closed(gone.at(), "deleted"));
                instances.remove(gone.instance());
                changedAt = gone.at();
                changes.costChanged = true;
                row(changes);
            }
        } else if (event instanceof RoleAssignment assignment) {
            roleAssignments = Math.max(0, roleAssignments + assignment.change());
            row(changes);
        }
        return changes;
    }

    /** Accounts the cost up to {@code now} (a periodic refresh of a living namespace). */
    public Changes refresh(Instant now) {
        Changes changes = new Changes();
        if (alive() && accountedUntil != null && now.isAfter(accountedUntil)) {
            accountTo(now, changes);
            changes.costChanged = true;
            row(changes);
        }
        return changes;
    }

    /** Month-to-date cost at {@link #accountedUntil}, in USD micros. */
    public long monthToDateMicros() {
        return micros(monthExact);
    }

    public long instancesPriceCents() {
        return instances.values().stream().mapToLong(Instance::priceCents).sum();
    }

    private void requested(Requested requested, Changes changes) {
        if (pending.size() >= MAX_PENDING_REQUESTS) {
            pending.remove(pending.keySet().iterator().next());
        }
        pending.put(requested.requestId(), new Pending(requested.kind().name(), requested.at()));
        if (requested.kind() == LifecycleEvent.RequestKind.CREATE && !alive()) {
            adopt(requested.attributes());
            status = NamespaceStatus.PENDING;
        } else if (alive()) {
            status = requested.kind() == LifecycleEvent.RequestKind.DELETE ? NamespaceStatus.DELETING : NamespaceStatus.UPDATING;
        }
        changes.facts.add(new RequestRow(requested.requestId(), name, team, environment, tier, requested.kind().name(),
                requested.at(), null, null));
        row(changes);
    }

    private void deployed(InstanceDeployed deployed, Changes changes) {
        if (!alive() || isStale(deployed.at(), changes)) {
            return;
        }
        accountTo(deployed.at(), changes);
        Instance previous = instances.get(deployed.instance());
        if (previous != null) {
            changes.facts.add(instanceRow(deployed.instance(), previous).closed(deployed.at(), "changed"));
        }
        Instance opened = new Instance(deployed.template(), deployed.version(), deployed.monthlyPriceCents(), deployed.at());
        instances.put(deployed.instance(), opened);
        changes.facts.add(instanceRow(deployed.instance(), opened));
        changedAt = deployed.at();
        changes.costChanged = true;
        row(changes);
    }

    private void open(Instant at, NamespaceAttributes attributes, long priceCents, Changes changes) {
        if (deletedAt != null && at.isBefore(deletedAt)) {
            changes.stale = true;
            return;
        }
        adopt(attributes);
        if (createdAt == null || deletedAt != null) {
            createdAt = at;
        }
        deletedAt = null;
        changedAt = at;
        status = NamespaceStatus.READY;
        tierSince = at;
        tierPriceCents = priceCents;
        accountedUntil = at;
        changes.facts.add(tierRow());
        changes.costChanged = true;
        row(changes);
    }

    private void change(Instant at, NamespaceAttributes attributes, long newTierPriceCents, Changes changes) {
        status = NamespaceStatus.READY;
        if (isStale(at, changes)) {
            row(changes);
            return;
        }
        NamespaceAttributes before = new NamespaceAttributes(name, team, environment, tier, costCenter);
        if (before.equals(attributes)) {
            row(changes);
            return;
        }
        accountTo(at, changes);
        long price = Objects.equals(tier, attributes.tier()) ? tierPriceCents : newTierPriceCents;
        closeAll(at, "changed", changes);
        adopt(attributes);
        tierSince = at;
        tierPriceCents = price;
        changes.facts.add(tierRow());
        Map<String, Instance> reopened = new TreeMap<>();
        instances.forEach((instance, open) -> {
            Instance again = new Instance(open.template(), open.version(), open.priceCents(), at);
            reopened.put(instance, again);
            changes.facts.add(instanceRow(instance, again));
        });
        instances = reopened;
        changedAt = at;
        changes.costChanged = true;
        row(changes);
    }

    private void closeAll(Instant at, String reason, Changes changes) {
        changes.facts.add(tierRow().closed(at, reason));
        instances.forEach((instance, open) -> changes.facts.add(instanceRow(instance, open).closed(at, reason)));
    }

    /** An event older than the namespace's last interval boundary cannot be placed any more (a replay of old data). */
    private boolean isStale(Instant at, Changes changes) {
        Instant last = tierSince;
        for (Instance instance : instances.values()) {
            if (last == null || instance.since().isAfter(last)) {
                last = instance.since();
            }
        }
        if (last != null && at.isBefore(last)) {
            changes.stale = true;
            return true;
        }
        return false;
    }

    private void complete(String requestId, String outcome, Instant at, Changes changes) {
        if (requestId == null) {
            return;
        }
        Pending request = pending.remove(requestId);
        if (request != null) {
            changes.facts.add(new RequestRow(requestId, name, team, environment, tier, request.kind(),
                    request.requestedAt(), outcome, at));
        }
        row(changes);
    }

    private void accountTo(Instant to, Changes changes) {
        if (!alive() || accountedUntil == null || !to.isAfter(accountedUntil)) {
            return;
        }
        BigDecimal monthlyPrice = BigDecimal.valueOf(tierPriceCents + instancesPriceCents(), 2);
        Instant cursor = accountedUntil;
        while (cursor.isBefore(to)) {
            LocalDate day = LocalDate.ofInstant(cursor, ZoneOffset.UTC);
            Instant dayEnd = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant pieceEnd = to.isBefore(dayEnd) ? to : dayEnd;
            BigDecimal cost = CostCalculator.cost(monthlyPrice, cursor, pieceEnd, new CostWindow(cursor, pieceEnd));
            String key = team + "|" + day;
            boolean first = !key.equals(dayKey);
            if (first) {
                dayKey = key;
                dayExact = BigDecimal.ZERO;
            }
            long before = micros(dayExact);
            dayExact = dayExact.add(cost, CostCalculator.PRECISION);
            long delta = micros(dayExact) - before;
            if (first || delta != 0) {
                changes.deltas.add(new TeamDayDelta(team, day, delta, first));
            }
            String pieceMonth = YearMonth.from(day).toString();
            if (!pieceMonth.equals(month)) {
                month = pieceMonth;
                monthExact = BigDecimal.ZERO;
            }
            monthExact = monthExact.add(cost, CostCalculator.PRECISION);
            cursor = pieceEnd;
        }
        accountedUntil = to;
    }

    private void adopt(NamespaceAttributes attributes) {
        if (attributes == null) {
            return;
        }
        team = attributes.team();
        environment = attributes.environment();
        tier = attributes.tier();
        costCenter = attributes.costCenter();
    }

    private void remember(String eventId) {
        if (eventId == null) {
            return;
        }
        recentEventIds.addLast(eventId);
        while (recentEventIds.size() > REMEMBERED_EVENT_IDS) {
            recentEventIds.removeFirst();
        }
    }

    private IntervalRow tierRow() {
        return new IntervalRow(name, IntervalRow.TIER, tier, team, environment, tier, costCenter, null, null, tierPriceCents,
                tierSince, null, null);
    }

    private IntervalRow instanceRow(String instance, Instance open) {
        return new IntervalRow(name, IntervalRow.INSTANCE, instance, team, environment, tier, costCenter, open.template(),
                open.version(), open.priceCents(), open.since(), null, null);
    }

    private void row(Changes changes) {
        changes.facts.removeIf(fact -> fact instanceof NamespaceRow);
        changes.facts.add(namespaceRow());
    }

    public NamespaceRow namespaceRow() {
        String currentMonth = accountedUntil == null ? null : YearMonth.from(accountedUntil.atOffset(ZoneOffset.UTC)).toString();
        long monthToDate = currentMonth != null && currentMonth.equals(month) ? micros(monthExact) : 0;
        return new NamespaceRow(name, team, environment, tier, costCenter, status, createdAt, changedAt, deletedAt,
                instances.size(), roleAssignments, alive() ? tierPriceCents : 0, instancesPriceCents(), currentMonth,
                monthToDate, accountedUntil);
    }

    static long micros(BigDecimal usd) {
        return usd.multiply(MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
