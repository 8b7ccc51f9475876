package io.platform.gateway.domain;

/**
 * The platform's status values (DESIGN §3), for requests and namespaces alike. A status only ever moves forward:
 * {@link #canAdvanceTo} refuses a step back, so facts that arrive late or twice cannot undo a later one.
 */
public enum LifecycleStatus {
    /** Accepted, on the request topic, nothing done yet. */
    PENDING(0),
    /** The namespace exists; policies and RBAC are being applied. */
    PROVISIONING(1),
    /** A day-2 change is being applied. */
    UPDATING(1),
    /** The namespace is being removed. */
    DELETING(1),
    /** Every step succeeded. */
    READY(2),
    /** The namespace and what the platform created in it are gone. */
    DELETED(2),
    /** A step failed; what was created was removed. */
    FAILED(2),
    /** The request was invalid; nothing was done. */
    REJECTED(2);

    private final int rank;

    LifecycleStatus(int rank) {
        this.rank = rank;
    }

    public boolean isTerminal() {
        return rank == 2;
    }

    public boolean canAdvanceTo(LifecycleStatus next) {
        return next.rank > rank;
    }

    /** A namespace in one of these states no longer holds its name: a new request may take it. */
    public boolean releasesName() {
        return this == FAILED || this == DELETED || this == REJECTED;
    }
}
