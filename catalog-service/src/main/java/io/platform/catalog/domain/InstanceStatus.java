package io.platform.catalog.domain;

/**
 * Where a service instance is: {@code PENDING} (requested, on the topic) → {@code DEPLOYED} (provisioning applied
 * its objects) or {@code FAILED} (refused or compensated, nothing left behind); {@code DELETING} → {@code DELETED}.
 */
public enum InstanceStatus {
    PENDING, DEPLOYED, FAILED, DELETING, DELETED;

    /** Holds its name in the namespace and counts against the namespace's quota. */
    public boolean isLive() {
        return this == PENDING || this == DEPLOYED || this == DELETING;
    }
}
