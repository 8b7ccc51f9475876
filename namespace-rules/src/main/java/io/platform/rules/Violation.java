package io.platform.rules;

import java.util.Objects;

/**
 * One reason a request is refused.
 *
 * @param field   the offending field ({@code name}, {@code features[1]}); empty for request-wide reasons
 * @param code    stable machine-readable code ({@code required}, {@code pattern}, {@code reserved}, {@code unknown-tier}...)
 * @param message what to fix, for people
 */
public record Violation(String field, String code, String message) {

    public Violation {
        Objects.requireNonNull(field);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
    }
}
