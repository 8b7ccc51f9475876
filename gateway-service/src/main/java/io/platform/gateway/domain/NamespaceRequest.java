package io.platform.gateway.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The read model of one request: what was asked, by whom, and how far it got.
 *
 * @param spec           the requested namespace; {@code null} for day-2 requests and while only later events are known
 * @param changes        what a day-2 update asks to change; {@code null} for other requests and while unknown
 * @param team           owning team; {@code null} while unknown
 * @param actor          who asked (token subject or an external principal); {@code null} while unknown
 * @param source         which system published the request; {@code null} while unknown
 * @param idempotencyKey the client's {@code Idempotency-Key}, when it sent one through the gateway
 * @param violations     why it was rejected (empty otherwise)
 * @param failure        why it failed ({@code null} otherwise)
 * @param steps          completed and failed steps, in the order they happened
 */
public record NamespaceRequest(String requestId, RequestType type, String name, String team, NamespaceSpecification spec,
                               NamespaceChanges changes, LifecycleStatus status, String actor, String source, String idempotencyKey,
                               List<Violation> violations, Failure failure, List<RequestStep> steps,
                               Instant createdAt, Instant updatedAt) {

    public NamespaceRequest {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
        violations = List.copyOf(violations);
        steps = steps.stream().sorted(Comparator.comparing(RequestStep::occurredAt)).toList();
    }

    /** A request the gateway has just accepted. */
    public static NamespaceRequest accepted(String requestId, NamespaceSpecification spec, String actor, String source,
                                            String idempotencyKey, Instant at) {
        return new NamespaceRequest(requestId, RequestType.CREATE, spec.name(), spec.team(), spec, null,
                LifecycleStatus.PENDING, actor, source, idempotencyKey, List.of(), null, List.of(), at, at);
    }

    /** A day-2 request (update with its changes, or deletion) the gateway has just accepted for a team's namespace. */
    public static NamespaceRequest acceptedDayTwo(String requestId, RequestType type, String name, String team,
                                                  NamespaceChanges changes, String actor, String source,
                                                  String idempotencyKey, Instant at) {
        return new NamespaceRequest(requestId, type, name, team, null, changes, LifecycleStatus.PENDING, actor, source,
                idempotencyKey, List.of(), null, List.of(), at, at);
    }

    /** A request first known from a lifecycle event rather than from the request itself. */
    public static NamespaceRequest firstSeen(String requestId, RequestType type, String name, Instant at) {
        return new NamespaceRequest(requestId, type, name, null, null, null, LifecycleStatus.PENDING, null, null, null,
                List.of(), null, List.of(), at, at);
    }

    public NamespaceRequest withStatus(LifecycleStatus next) {
        return status.canAdvanceTo(next) ? new NamespaceRequest(requestId, type, name, team, spec, changes, next, actor, source,
                idempotencyKey, violations, failure, steps, createdAt, updatedAt) : this;
    }

    /** Adds or replaces the step of that name. */
    public NamespaceRequest withStep(RequestStep step) {
        List<RequestStep> next = new ArrayList<>(steps);
        next.removeIf(existing -> existing.step().equals(step.step()));
        next.add(step);
        return new NamespaceRequest(requestId, type, name, team, spec, changes, status, actor, source, idempotencyKey, violations,
                failure, next, createdAt, updatedAt);
    }

    /** Fills in what is still unknown from the request itself; never overwrites what is known. */
    public NamespaceRequest withOrigin(RequestType requestType, NamespaceSpecification requestSpec,
                                       NamespaceChanges requestChanges, String requestActor, String requestSource,
                                       Instant requestedAt) {
        NamespaceSpecification nextSpec = spec != null ? spec : requestSpec;
        NamespaceChanges nextChanges = changes != null ? changes : requestChanges;
        String nextTeam = team != null ? team : nextSpec == null ? null : nextSpec.team();
        Instant nextCreatedAt = requestedAt.isBefore(createdAt) ? requestedAt : createdAt;
        return new NamespaceRequest(requestId, requestType, name, nextTeam, nextSpec, nextChanges, status,
                actor != null ? actor : requestActor, source != null ? source : requestSource, idempotencyKey,
                violations, failure, steps, nextCreatedAt, updatedAt);
    }

    public NamespaceRequest withSpec(NamespaceSpecification nextSpec) {
        return new NamespaceRequest(requestId, type, name, nextSpec.team(), nextSpec, changes, status, actor, source,
                idempotencyKey, violations, failure, steps, createdAt, updatedAt);
    }

    public NamespaceRequest withTeam(String knownTeam) {
        return team != null || knownTeam == null ? this : new NamespaceRequest(requestId, type, name, knownTeam, spec,
                changes, status, actor, source, idempotencyKey, violations, failure, steps, createdAt, updatedAt);
    }

    public NamespaceRequest withViolations(List<Violation> found) {
        return new NamespaceRequest(requestId, type, name, team, spec, changes, status, actor, source, idempotencyKey, found,
                failure, steps, createdAt, updatedAt);
    }

    public NamespaceRequest withFailure(Failure why) {
        return new NamespaceRequest(requestId, type, name, team, spec, changes, status, actor, source, idempotencyKey, violations,
                why, steps, createdAt, updatedAt);
    }

    public NamespaceRequest touchedAt(Instant at) {
        return at.isAfter(updatedAt) ? new NamespaceRequest(requestId, type, name, team, spec, changes, status, actor, source,
                idempotencyKey, violations, failure, steps, createdAt, at) : this;
    }
}
