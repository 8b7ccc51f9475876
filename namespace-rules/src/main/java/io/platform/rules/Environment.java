package io.platform.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a namespace's workloads run; drives Pod Security level and deletion protection. */
public enum Environment {
    DEVELOPMENT("development"),
    STAGING("staging"),
    PRODUCTION("production");

    private final String value;

    Environment(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Environment> fromValue(String value) {
        return Arrays.stream(values()).filter(e -> e.value.equals(value)).findFirst();
    }

    public static List<String> allowedValues() {
        return Arrays.stream(values()).map(Environment::value).toList();
    }
}
