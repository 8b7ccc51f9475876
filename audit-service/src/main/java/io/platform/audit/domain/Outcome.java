package io.platform.audit.domain;

/** What an audited event says about the request it belongs to, derived from its type. */
public enum Outcome {
    OK("ok"),
    REJECTED("rejected"),
    FAILED("failed"),
    DEAD_LETTER("dead-letter");

    private final String value;

    Outcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Outcome fromValue(String value) {
        for (Outcome outcome : values()) {
            if (outcome.value.equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + value);
    }

    /**
     * {@code RequestRejected} is a rejection, any {@code *Failed} event (e.g. {@code NamespaceProvisioningFailed},
     * {@code RbacFailed}) a failure, everything else a normal fact.
     */
    public static Outcome ofEventType(String eventType) {
        if (eventType == null) {
            return OK;
        }
        String simpleName = eventType.substring(eventType.lastIndexOf('.') + 1);
        if (simpleName.equals("RequestRejected")) {
            return REJECTED;
        }
        if (simpleName.endsWith("Failed")) {
            return FAILED;
        }
        return OK;
    }
}
