package io.platform.provisioning.instances.domain;

/**
 * A cluster call of an instance failed. {@code permanent}: retrying cannot help (the API refused, or an object of
 * that name belongs to something else); otherwise transient (409 conflict, 429, 5xx, no answer).
 */
public class InstanceClusterException extends RuntimeException {

    private final boolean permanent;

    public InstanceClusterException(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
