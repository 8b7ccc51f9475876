package io.platform.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a namespace's ingress is restricted. */
public enum NetworkPolicyMode {
    /** Deny all ingress except from the same namespace and from the platform's monitoring namespaces. */
    ISOLATED("isolated"),
    /** Like isolated, and also from namespaces of the same team. */
    TEAM_SHARED("team-shared"),
    /** No NetworkPolicy. */
    OPEN("open");

    private final String value;

    NetworkPolicyMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<NetworkPolicyMode> fromValue(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }

    public static List<String> allowedValues() {
        return Arrays.stream(values()).map(NetworkPolicyMode::value).toList();
    }
}
