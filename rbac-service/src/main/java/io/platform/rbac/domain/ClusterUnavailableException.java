package io.platform.rbac.domain;

/** The API server could not be reached or asked to come back later: the record is retried with back-off. */
public class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
