package io.platform.provisioning.domain;

import io.platform.rules.Violation;

/** Violations provisioning-service adds to the shared request rules. */
public final class Rejections {

    public static final String NAME_TAKEN = "name-taken";
    public static final String NOT_FOUND = "not-found";
    public static final String NOT_READY = "not-ready";
    public static final String BUSY = "busy";
    public static final String PROTECTED = "protected";

    private Rejections() {
    }

    /** Another live request owns the name in the platform's records. */
    public static Violation nameTaken(String name) {
        return new Violation("name", NAME_TAKEN, "namespace '" + name + "' is already owned by another request");
    }

    /** The namespace exists in the cluster and the platform did not create it for this request. */
    public static Violation existsInCluster(String name) {
        return new Violation("name", NAME_TAKEN, "namespace '" + name
                + "' already exists in the cluster and is not managed by the platform for this request");
    }

    /** The namespace is still being deleted in the cluster (after an earlier request failed or was removed). */
    public static Violation beingDeleted(String name) {
        return new Violation("name", NAME_TAKEN, "namespace '" + name
                + "' is still being deleted in the cluster; request it again once it is gone");
    }

    /** A day-2 request for a namespace the platform does not manage (never created, failed, or deleted). */
    public static Violation notFound(String name) {
        return new Violation("name", NOT_FOUND, "namespace '" + name
                + "' is not a namespace the platform manages (never created, failed, or deleted)");
    }

    /** A day-2 request for a namespace that is still being provisioned. */
    public static Violation notReady(String name, SagaStatus status) {
        return new Violation("name", NOT_READY, "namespace '" + name + "' is " + status
                + "; it can be changed or deleted once it is READY");
    }

    /** Another day-2 request of the namespace is still running. */
    public static Violation busy(String name, SagaStatus status) {
        return new Violation("name", BUSY, "namespace '" + name + "' is " + status
                + " for another request; send this one again once that has finished");
    }

    /** Deletion of a namespace labelled {@code platform.io/protected=true}. */
    public static Violation protectedNamespace(String name) {
        return new Violation("name", PROTECTED, "namespace '" + name + "' is labelled " + Labels.PROTECTED
                + "=true and cannot be deleted; remove the label first");
    }
}
