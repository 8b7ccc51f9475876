package io.platform.rbac.messaging;

import io.platform.rbac.domain.FieldViolation;
import java.util.List;

/** Why an RBAC API operation was refused, and how it maps onto an answer. */
public class AccessException extends RuntimeException {

    /** What kind of refusal. */
    public enum Kind {
        /** field errors: 400 */
        INVALID,
        /** 404 */
        NOT_FOUND,
        /** 409 */
        CONFLICT,
        /** the API server refused the write for good: 422 */
        CLUSTER_REFUSED,
        /** the API server is unavailable now: 503, retry later */
        UNAVAILABLE
    }

    private final Kind kind;
    private final List<FieldViolation> violations;

    public AccessException(Kind kind, String message, List<FieldViolation> violations) {
        super(message);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public AccessException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
