package io.platform.common.web;

import io.platform.rules.Violation;

/** One entry of a problem's {@code errors} list. */
public record FieldError(String field, String code, String message) {

    public static FieldError of(Violation violation) {
        return new FieldError(violation.field(), violation.code(), violation.message());
    }
}
