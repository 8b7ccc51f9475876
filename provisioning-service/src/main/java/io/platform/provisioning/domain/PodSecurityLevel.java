package io.platform.provisioning.domain;

import java.util.Arrays;
import java.util.Optional;

/** Pod Security Standards levels, as Pod Security Admission labels name them. */
public enum PodSecurityLevel {
    PRIVILEGED("privileged"),
    BASELINE("baseline"),
    RESTRICTED("restricted");

    private final String value;

    PodSecurityLevel(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<PodSecurityLevel> fromValue(String value) {
        return Arrays.stream(values()).filter(level -> level.value.equals(value)).findFirst();
    }
}
