package io.platform.gateway.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts requests for new namespaces and day-2 requests (update, deletion) of existing ones: the caller must act for
 * the team, the request must follow the platform's rules (the same {@link NamespaceRequestValidator}
 * provisioning-service applies) and the namespace must be in a state that allows it. An accepted request is stored
 * as PENDING (and the namespace marked PENDING, UPDATING or DELETING) and published in one unit of work that commits
 * only after the broker acknowledged the event: a request is never answered 202 without being on the request topic,
 * and a failed publish leaves nothing behind.
 *
 * <p>With an idempotency key the request id is derived from the requester and the key, so a retry of a request whose
 * answer was lost finds the stored request (or, if the publish outlived its timeout, the request the projection of the
 * request topic stored) instead of creating a second one.
 *
 * <p>Tenant isolation: a namespace of a team the requester does not act for is answered exactly like a namespace that
 * does not exist.
 */
public final class NamespaceIntake {

    public static final String PRODUCTION = "production";

    private final NamespaceRequestValidator validator;
    private final TierCatalog catalog;
    private final ReadModel readModel;
    private final RequestPublisher publisher;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final String source;

    public NamespaceIntake(NamespaceRequestValidator validator, TierCatalog catalog, ReadModel readModel,
                           RequestPublisher publisher, UnitOfWork unitOfWork, Clock clock, String source) {
        this.validator = validator;
        this.catalog = catalog;
        this.readModel = readModel;
        this.publisher = publisher;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.source = source;
    }

    /**
     * A new namespace.
     *
     * @param idempotencyKey the client's key, or {@code null}
     * @throws PublicationFailedException when the request could not be published; nothing was stored
     */
    public IntakeOutcome submit(Requester requester, NamespaceSpecification spec, String idempotencyKey) {
        if (spec.team() != null && !spec.team().isBlank() && !requester.canActFor(spec.team())) {
            return new IntakeOutcome.NotTeamMember(spec.team());
        }
        if (!catalog.isLoaded()) {
            return new IntakeOutcome.CatalogUnavailable();
        }
        List<Violation> violations = validator.validateCreate(spec, catalog);
        if (!violations.isEmpty()) {
            return new IntakeOutcome.Invalid(violations);
        }
        String requestId = requestId(requester, idempotencyKey);
        return unitOfWork.inTransaction(() -> accept(requester, spec, idempotencyKey, requestId));
    }

    private IntakeOutcome accept(Requester requester, NamespaceSpecification spec, String idempotencyKey, String requestId) {
        Optional<IntakeOutcome> replay = replay(idempotencyKey, requestId,
                earlier -> earlier.type() == RequestType.CREATE && spec.equals(earlier.spec()));
        if (replay.isPresent()) {
            return replay.get();
        }
        Instant now = now();
        if (!readModel.claimName(Namespace.pending(spec, requestId, now))) {
            LifecycleStatus holder = readModel.findNamespace(spec.name()).map(Namespace::status).orElse(LifecycleStatus.PENDING);
            return new IntakeOutcome.NameTaken(spec.name(), holder, openRequestId(spec.name()));
        }
        NamespaceRequest request = NamespaceRequest.accepted(requestId, spec, requester.subject(), source, idempotencyKey, now);
        readModel.saveRequest(Optional.empty(), request);
        publisher.publishRequested(requestId, spec, requester.subject(), now);
        return new IntakeOutcome.Accepted(request, false);
    }

    /**
     * A day-2 change of a READY namespace of the requester's team: marks it UPDATING and publishes
     * {@code NamespaceUpdateRequested}.
     *
     * @throws PublicationFailedException when the request could not be published; nothing was stored
     */
    public IntakeOutcome update(Requester requester, String name, NamespaceChanges changes, String idempotencyKey) {
        if (!catalog.isLoaded()) {
            return new IntakeOutcome.CatalogUnavailable();
        }
        List<Violation> violations = validator.validateUpdate(changes, catalog);
        if (!violations.isEmpty()) {
            return new IntakeOutcome.Invalid(violations);
        }
        String requestId = requestId(requester, idempotencyKey);
        return unitOfWork.inTransaction(() -> acceptDayTwo(requester, RequestType.UPDATE, name, changes, null,
                idempotencyKey, requestId));
    }

    /**
     * The deletion of a READY namespace of the requester's team (production namespaces: admins only): marks it
     * DELETING and publishes {@code NamespaceDeletionRequested}.
     *
     * @param reason why, for the audit trail; may be {@code null}
     * @throws PublicationFailedException when the request could not be published; nothing was stored
     */
    public IntakeOutcome delete(Requester requester, String name, String reason, String idempotencyKey) {
        String requestId = requestId(requester, idempotencyKey);
        return unitOfWork.inTransaction(() -> acceptDayTwo(requester, RequestType.DELETE, name, null, reason,
                idempotencyKey, requestId));
    }

    private IntakeOutcome acceptDayTwo(Requester requester, RequestType type, String name, NamespaceChanges changes,
                                       String reason, String idempotencyKey, String requestId) {
        Optional<IntakeOutcome> replay = replay(idempotencyKey, requestId, earlier -> earlier.type() == type
                && earlier.name().equals(name) && Objects.equals(earlier.changes(), changes));
        if (replay.isPresent()) {
            return replay.get();
        }
        Optional<Namespace> found = readModel.lockNamespace(name);
        if (found.isEmpty() || !requester.canActFor(found.get().team())) {
            return new IntakeOutcome.NotFound(name);
        }
        Namespace namespace = found.get();
        if (type == RequestType.DELETE && PRODUCTION.equals(namespace.spec().environment()) && !requester.admin()) {
            return new IntakeOutcome.NotAllowed("deleting a production namespace needs the admin role");
        }
        if (namespace.status() != LifecycleStatus.READY) {
            return new IntakeOutcome.NotChangeable(name, namespace.status(), openRequestId(name));
        }
        Instant now = now();
        readModel.saveNamespace(found, Optional.of(namespace.withStatus(LifecycleProjection.dayTwoStatus(type), now)));
        NamespaceRequest request = NamespaceRequest.acceptedDayTwo(requestId, type, name, namespace.team(), changes,
                requester.subject(), source, idempotencyKey, now);
        readModel.saveRequest(Optional.empty(), request);
        if (type == RequestType.UPDATE) {
            publisher.publishUpdateRequested(requestId, name, changes, requester.subject(), now);
        } else {
            publisher.publishDeletionRequested(requestId, name, reason, requester.subject(), now);
        }
        return new IntakeOutcome.Accepted(request, false);
    }

    /** The earlier request with this key: its answer again when it asked the same, a refusal otherwise. */
    private Optional<IntakeOutcome> replay(String idempotencyKey, String requestId,
                                           java.util.function.Predicate<NamespaceRequest> sameRequest) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return readModel.findRequest(requestId).map(earlier -> sameRequest.test(earlier)
                ? new IntakeOutcome.Accepted(earlier, true)
                : new IntakeOutcome.KeyReused(idempotencyKey, requestId));
    }

    private String openRequestId(String name) {
        return readModel.findOpenRequest(name).map(NamespaceRequest::requestId).orElse(null);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String requestId(Requester requester, String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        byte[] seed = ("gateway-service/idempotency/" + requester.subject() + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(seed).toString();
    }
}
