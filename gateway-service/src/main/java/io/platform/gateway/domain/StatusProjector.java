package io.platform.gateway.domain;

import java.util.Optional;

/**
 * Applies facts from the request and events topics to the read model, each exactly once: the event id is recorded in
 * the same unit of work as the change, so a redelivered event changes nothing. A concurrent first insert of the same
 * request or namespace (the intake claiming a name the projection is also writing) retries the unit of work.
 */
public final class StatusProjector {

    private static final int ATTEMPTS = 3;

    private final ReadModel readModel;
    private final UnitOfWork unitOfWork;
    private final LifecycleProjection projection = new LifecycleProjection();

    public StatusProjector(ReadModel readModel, UnitOfWork unitOfWork) {
        this.readModel = readModel;
        this.unitOfWork = unitOfWork;
    }

    /** @return {@code false} when the fact had been applied before */
    public boolean apply(LifecycleFact fact) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.inTransaction(() -> applyOnce(fact));
            } catch (ConcurrentChangeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private boolean applyOnce(LifecycleFact fact) {
        if (!readModel.recordEvent(fact.eventId())) {
            return false;
        }
        Optional<NamespaceRequest> requestBefore = readModel.lockRequest(fact.requestId());
        Optional<Namespace> namespaceBefore = readModel.lockNamespace(fact.name());
        NamespaceRequest requestAfter = projection.applyToRequest(requestBefore, fact);
        if (requestAfter.type() != RequestType.CREATE && requestAfter.team() == null && namespaceBefore.isPresent()) {
            // day-2 request events carry no team: the namespace they act on tells it
            requestAfter = requestAfter.withTeam(namespaceBefore.get().team());
        }
        if (!requestBefore.equals(Optional.of(requestAfter))) {
            readModel.saveRequest(requestBefore, requestAfter);
        }
        Optional<Namespace> namespaceAfter = projection.applyToNamespace(namespaceBefore, fact, requestAfter);
        if (!namespaceBefore.equals(namespaceAfter)) {
            readModel.saveNamespace(namespaceBefore, namespaceAfter);
        }
        return true;
    }
}
