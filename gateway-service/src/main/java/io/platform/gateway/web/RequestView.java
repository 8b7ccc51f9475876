package io.platform.gateway.web;

import io.platform.gateway.domain.Failure;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.RequestStep;
import io.platform.gateway.domain.RequestType;
import io.platform.gateway.domain.StepOutcome;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;

/** A request as {@code GET /api/v1/requests/{requestId}} shows it. */
public record RequestView(String requestId, RequestType type, String name, String team, LifecycleStatus status,
                          NamespaceSpecification spec, NamespaceChanges changes, String actor, String source, List<Step> steps,
                          List<Violation> violations, Failure failure, Instant createdAt, Instant updatedAt) {

    /** One step with when it happened. */
    public record Step(String step, StepOutcome outcome, Instant occurredAt, String detail) {
    }

    public static RequestView of(NamespaceRequest request) {
        return new RequestView(request.requestId(), request.type(), request.name(), request.team(), request.status(),
                request.spec(), request.changes(), request.actor(), request.source(),
                request.steps().stream().map(RequestView::step).toList(), request.violations(), request.failure(),
                request.createdAt(), request.updatedAt());
    }

    private static Step step(RequestStep step) {
        return new Step(step.step(), step.outcome(), step.occurredAt(), step.detail());
    }
}
