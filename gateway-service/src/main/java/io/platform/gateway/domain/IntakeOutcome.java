package io.platform.gateway.domain;

import io.platform.rules.Violation;
import java.util.List;

/** How the gateway answers a request for a new namespace. */
public sealed interface IntakeOutcome {

    /** Stored and on the request topic; {@code replay} when an earlier identical request with the same key was found. */
    record Accepted(NamespaceRequest request, boolean replay) implements IntakeOutcome {
    }

    /** The requester is not a member of the team the namespace would belong to. */
    record NotTeamMember(String team) implements IntakeOutcome {
    }

    /** The request breaks the platform's rules. */
    record Invalid(List<Violation> violations) implements IntakeOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** The catalog has not been loaded yet, so the request cannot be judged; try again shortly. */
    record CatalogUnavailable() implements IntakeOutcome {
    }

    /** A namespace holds the name; {@code openRequestId} is the request still working on it, if any. */
    record NameTaken(String name, LifecycleStatus status, String openRequestId) implements IntakeOutcome {
    }

    /** No such namespace, or one the requester may not see (another team's): the same answer, so names don't leak. */
    record NotFound(String name) implements IntakeOutcome {
    }

    /** The requester sees the namespace but lacks what this change needs (e.g. admin for a production deletion). */
    record NotAllowed(String reason) implements IntakeOutcome {
    }

    /**
     * The namespace is not READY (a request is still working on it, or it is gone), so it cannot be changed now;
     * {@code openRequestId} is the request working on it, if any.
     */
    record NotChangeable(String name, LifecycleStatus status, String openRequestId) implements IntakeOutcome {
    }

    /** The idempotency key was used before for a different request. */
    record KeyReused(String idempotencyKey, String requestId) implements IntakeOutcome {
    }
}
