package io.platform.rbac.domain;

import java.util.Arrays;
import java.util.Optional;

/** Who a role is assigned to: a user or a group of the identity provider. */
public enum SubjectKind {
    USER("User"),
    GROUP("Group");

    private final String value;

    SubjectKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** {@code User} or {@code Group}, any case. */
    public static Optional<SubjectKind> fromValue(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equalsIgnoreCase(value)).findFirst();
    }
}
