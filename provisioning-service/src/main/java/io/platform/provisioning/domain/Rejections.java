package io.platform.provisioning.domain;

import io.platform.rules.Violation;

/** Violations provisioning-service adds to the shared request rules. */
public final class Rejections {

    public static final String NAME_TAKEN = "name-taken";
    public static final String NOT_SUPPORTED_YET = "not-supported-yet";

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

    /** A request type this version does not carry out yet; refused so that nothing is silently dropped. */
    public static Violation notSupportedYet(String requestType) {
        return new Violation("", NOT_SUPPORTED_YET, requestType + " is not supported yet; nothing was changed");
    }
}
