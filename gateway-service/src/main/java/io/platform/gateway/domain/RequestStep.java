package io.platform.gateway.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a request as the lifecycle events report it.
 *
 * @param step       {@code namespace}, {@code policies}, {@code rbac}, {@code ready}, {@code updated}, {@code deleted},
 *                   or the failing step a {@code NamespaceProvisioningFailed} names
 * @param outcome    completed or failed
 * @param occurredAt when the step happened (the event's envelope time)
 * @param detail     what was done or why it failed; may be {@code null}
 */
public record RequestStep(String step, StepOutcome outcome, Instant occurredAt, String detail) {

    public static final String NAMESPACE = "namespace";
    public static final String POLICIES = "policies";
    public static final String RBAC = "rbac";
    public static final String READY = "ready";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String DELETION_STARTED = "deletion-started";
    public static final String RBAC_REMOVED = "rbac-removed";

    public RequestStep {
        Objects.requireNonNull(step);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(occurredAt);
    }
}
