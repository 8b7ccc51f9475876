package io.platform.analytics.domain;

/** The platform's status values as analytics sees them (DESIGN.md § 3). */
public enum NamespaceStatus {
    PENDING, PROVISIONING, READY, UPDATING, DELETING, DELETED, FAILED, REJECTED
}
