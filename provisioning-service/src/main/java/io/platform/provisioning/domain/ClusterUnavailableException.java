package io.platform.provisioning.domain;

/**
 * The API server could not be reached or asked to come back later (conflict, throttling, server error, timeout):
 * the record is retried with back-off by the consumer's error handler.
 */
public class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
