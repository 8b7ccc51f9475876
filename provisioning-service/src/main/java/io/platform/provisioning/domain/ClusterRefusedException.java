package io.platform.provisioning.domain;

/**
 * The API server refused a write in a way retrying cannot fix (forbidden, invalid object): the saga fails at
 * {@link #step()} and is compensated.
 */
public class ClusterRefusedException extends RuntimeException {

    private final String step;

    public ClusterRefusedException(String step, String reason, Throwable cause) {
        super(reason, cause);
        this.step = step;
    }

    public String step() {
        return step;
    }

    public String reason() {
        return getMessage();
    }
}
