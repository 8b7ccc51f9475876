package io.platform.provisioning.instances.domain;

/**
 * Where an instance is in provisioning-service: {@code WAITING} (its namespace is not READY here yet),
 * {@code APPLYING} (admitted: quota reserved, objects being written), {@code DEPLOYED}, {@code FAILED} (refused or
 * compensated), {@code DELETING}, {@code DELETED}.
 */
public enum InstanceState {
    WAITING, APPLYING, DEPLOYED, FAILED, DELETING, DELETED;

    /** Holds the instance name in its namespace. */
    public boolean isLive() {
        return this == WAITING || this == APPLYING || this == DEPLOYED || this == DELETING;
    }

    /** Counts against the namespace's quota. */
    public boolean usesQuota() {
        return this == APPLYING || this == DEPLOYED || this == DELETING;
    }
}
