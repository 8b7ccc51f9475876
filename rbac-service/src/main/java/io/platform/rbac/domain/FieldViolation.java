package io.platform.rbac.domain;

import java.util.Objects;

/** One reason an RBAC request is refused, tied to the field that caused it ({@code rules[0].verbs[2]}). */
public record FieldViolation(String field, String code, String message) {

    public FieldViolation {
        Objects.requireNonNull(field);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
    }
}
