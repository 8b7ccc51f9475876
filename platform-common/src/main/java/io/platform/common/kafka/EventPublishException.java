package io.platform.common.kafka;

/** An event could not be durably written: the broker did not acknowledge it in time or refused it. */
public class EventPublishException extends RuntimeException {

    /** Why the publish failed, for callers that map it to an answer (503 with Retry-After, a retry...). */
    public enum Reason { TIMEOUT, BROKER_UNAVAILABLE, SCHEMA_NOT_REGISTERED, REGISTRY_UNAVAILABLE, REFUSED }

    private final Reason reason;
    private final String topic;

    public EventPublishException(Reason reason, String topic, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.topic = topic;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
