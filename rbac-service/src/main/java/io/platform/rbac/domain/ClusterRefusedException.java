package io.platform.rbac.domain;

/** The API server refused a write in a way retrying cannot fix: the binding fails and {@code RbacFailed} is published. */
public class ClusterRefusedException extends RuntimeException {

    public ClusterRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
