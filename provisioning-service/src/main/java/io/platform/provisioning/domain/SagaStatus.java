package io.platform.provisioning.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a create request stands. {@code PENDING} (accepted, nothing written yet) → {@code PROVISIONING} (namespace,
 * quota, limits and policies written, waiting for RBAC) → {@code READY}; {@code FAILED} (a step failed, what the
 * request created was removed); {@code REJECTED} (invalid, nothing done).
 */
public enum SagaStatus {
    PENDING,
    PROVISIONING,
    READY,
    FAILED,
    REJECTED;

    /** The status a later step may move to from this one; staying in the same status is not a transition. */
    public Set<SagaStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PROVISIONING, FAILED, REJECTED);
            case PROVISIONING -> EnumSet.of(READY, FAILED);
            case READY, FAILED, REJECTED -> EnumSet.noneOf(SagaStatus.class);
        };
    }

    public boolean canMoveTo(SagaStatus target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** A live request owns its namespace name; failed and rejected ones free it. */
    public boolean ownsName() {
        return this == PENDING || this == PROVISIONING || this == READY;
    }

    /** The cluster writes of the request may (still) run. */
    public boolean isInProgress() {
        return this == PENDING || this == PROVISIONING;
    }
}
