package io.platform.audit.domain;

import io.platform.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A search of the audit trail; every criterion is optional and they combine with "and".
 *
 * @param type  an event type, either the Avro full name or its simple name ({@code NamespaceReady})
 * @param limit at most this many events, the oldest first
 */
public record AuditQuery(String namespace, String requestId, String type, String actor, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Validates raw parameters; blank values mean "no filter". Throws with every violation at once. */
    public static AuditQuery of(String namespace, String requestId, String type, String actor, Integer limit) {
        List<Violation> violations = new ArrayList<>();
        checkLength(violations, "namespace", namespace, 253);
        checkLength(violations, "requestId", requestId, 128);
        checkLength(violations, "actor", actor, 255);
        if (checkLength(violations, "type", type, 255) && !blank(type) && !TYPE.matcher(type.trim()).matches()) {
            violations.add(new Violation("type", "pattern",
                    "must be an event type name such as NamespaceReady or io.platform.events.namespace.NamespaceReady"));
        }
        int effectiveLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (effectiveLimit < 1 || effectiveLimit > MAX_LIMIT) {
            violations.add(new Violation("limit", "size", "must be between 1 and " + MAX_LIMIT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidAuditQuery(violations);
        }
        return new AuditQuery(clean(namespace), clean(requestId), clean(type), clean(actor), effectiveLimit);
    }

    private static boolean checkLength(List<Violation> violations, String field, String value, int max) {
        if (value != null && value.trim().length() > max) {
            violations.add(new Violation(field, "size", "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String clean(String value) {
        return blank(value) ? null : value.trim();
    }

    /** The parameters of a search are invalid. */
    public static final class InvalidAuditQuery extends RuntimeException {
        private final List<Violation> violations;

        public InvalidAuditQuery(List<Violation> violations) {
            super(violations.size() + " invalid search parameter(s)");
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
