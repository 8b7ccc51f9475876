package io.platform.common.kafka;

/**
 * A record that can never be processed as it is (not a transient fault): the error handler dead-letters it at once
 * instead of retrying. Carries a stable reason code for the dead-letter headers and metrics.
 */
public class PermanentEventFailure extends RuntimeException {

    private final String reason;

    public PermanentEventFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PermanentEventFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
