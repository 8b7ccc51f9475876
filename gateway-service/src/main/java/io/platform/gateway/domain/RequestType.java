package io.platform.gateway.domain;

/** What a request asks for; one request event type each on the request topic. */
public enum RequestType {
    CREATE("io.platform.events.namespace.NamespaceRequested"),
    UPDATE("io.platform.events.namespace.NamespaceUpdateRequested"),
    DELETE("io.platform.events.namespace.NamespaceDeletionRequested");

    private final String eventType;

    RequestType(String eventType) {
        this.eventType = eventType;
    }

    /** The request's type from the Avro full name a {@code RequestRejected} names; CREATE when unknown. */
    public static RequestType ofEventType(String fullName) {
        for (RequestType type : values()) {
            if (type.eventType.equals(fullName)) {
                return type;
            }
        }
        return CREATE;
    }
}
