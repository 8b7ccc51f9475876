package io.platform.gateway.domain;

import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts requests for new namespaces: the caller must act for the team, the request must follow the platform's rules
 * (the same {@link NamespaceRequestValidator} provisioning-service applies) and the name must be free in the read
 * model. An accepted request is stored as PENDING and published in one unit of work that commits only after the
 * broker acknowledged the event: a request is never answered 202 without being on the request topic, and a failed
 * publish leaves nothing behind.
 *
 * <p>With an idempotency key the request id is derived from the requester and the key, so a retry of a request whose
 * answer was lost finds the stored request (or, if the publish outlived its timeout, the request the projection of the
 * request topic stored) instead of creating a second one.
 */
public final class NamespaceIntake {

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
        Optional<NamespaceRequest> earlier = idempotencyKey == null ? Optional.empty() : readModel.findRequest(requestId);
        if (earlier.isPresent()) {
            return spec.equals(earlier.get().spec())
                    ? new IntakeOutcome.Accepted(earlier.get(), true)
                    : new IntakeOutcome.KeyReused(idempotencyKey, requestId);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!readModel.claimName(Namespace.pending(spec, requestId, now))) {
            LifecycleStatus holder = readModel.findNamespace(spec.name()).map(Namespace::status).orElse(LifecycleStatus.PENDING);
            return new IntakeOutcome.NameTaken(spec.name(), holder);
        }
        NamespaceRequest request = NamespaceRequest.accepted(requestId, spec, requester.subject(), source, idempotencyKey, now);
        readModel.saveRequest(Optional.empty(), request);
        publisher.publishRequested(requestId, spec, requester.subject(), now);
        return new IntakeOutcome.Accepted(request, false);
    }

    static String requestId(Requester requester, String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        byte[] seed = ("gateway-service/idempotency/" + requester.subject() + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(seed).toString();
    }
}
