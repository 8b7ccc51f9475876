package io.platform.provisioning.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request (and the namespace it concerns) stands.
 * <ul>
 *   <li>create: {@code PENDING} (accepted, nothing written yet) → {@code PROVISIONING} (namespace, quota, limits and
 *       policies written, waiting for RBAC) → {@code READY};</li>
 *   <li>update: {@code PENDING} → {@code UPDATING} → {@code READY} (the change is applied);</li>
 *   <li>delete: {@code PENDING} → {@code DELETING} (bindings, then objects and namespace removed) → {@code DELETED};</li>
 *   <li>{@code FAILED}: a step failed or the deadline passed, what the request created was removed (an admin may
 *       retry it, which takes it back to {@code PENDING}); {@code REJECTED}: invalid, nothing done.</li>
 * </ul>
 */
public enum SagaStatus {
    PENDING,
    PROVISIONING,
    UPDATING,
    DELETING,
    READY,
    DELETED,
    FAILED,
    REJECTED;

    /** The statuses a later step may move to from this one; staying in the same status is not a transition. */
    public Set<SagaStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PROVISIONING, UPDATING, DELETING, FAILED, REJECTED);
            case PROVISIONING, UPDATING -> EnumSet.of(READY, FAILED);
            case DELETING -> EnumSet.of(DELETED, FAILED);
            case FAILED -> EnumSet.of(PENDING);
            case READY, DELETED, REJECTED -> EnumSet.noneOf(SagaStatus.class);
        };
    }

    public boolean canMoveTo(SagaStatus target) {
        return next().contains(target);
    }

    /** No step of the request runs any more ({@code FAILED} only moves on when an admin retries it). */
    public boolean isTerminal() {
        return this == READY || this == DELETED || this == FAILED || this == REJECTED;
    }

    /** A live namespace holds its name; failed, rejected and deleted ones free it. */
    public boolean ownsName() {
        return this == PENDING || this == PROVISIONING || this == READY || this == UPDATING || this == DELETING;
    }

    /** Steps of the request may (still) run. */
    public boolean isInProgress() {
        return this == PENDING || this == PROVISIONING || this == UPDATING || this == DELETING;
    }

    /** Statuses that own a name, as SQL literals' values. */
    public static Set<SagaStatus> live() {
        return EnumSet.of(PENDING, PROVISIONING, READY, UPDATING, DELETING);
    }
}
