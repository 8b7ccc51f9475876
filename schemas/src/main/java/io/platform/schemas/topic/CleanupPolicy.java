package io.platform.schemas.topic;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String value;

    CleanupPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
