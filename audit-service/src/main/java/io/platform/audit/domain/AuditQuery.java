package io.platform.audit.domain;

import io.platform.rules.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A search of the audit trail; every criterion is optional and they combine with "and".
 *
 * @param type    an event type, either the Avro full name or its simple name ({@code NamespaceReady})
 * @param from    occurred at or after (inclusive)
 * @param to      occurred before (exclusive)
 * @param outcome ok | rejected | failed | dead-letter
 * @param after   continue after this position (cursor paging)
 * @param limit   at most this many events, the oldest first
 */
public record AuditQuery(String namespace, String team, String requestId, String type, String actor, Instant from,
                         Instant to, Outcome outcome, AuditCursor after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Raw request parameters, as strings. */
    public record Parameters(String namespace, String team, String requestId, String type, String actor, String from,
                             String to, String outcome, String cursor, Integer limit) {
    }

    /** Validates raw parameters; blank values mean "no filter". Throws with every violation at once. */
    public static AuditQuery of(Parameters p) {
        List<Violation> violations = new ArrayList<>();
        checkLength(violations, "namespace", p.namespace(), 253);
        checkLength(violations, "team", p.team(), 253);
        checkLength(violations, "requestId", p.requestId(), 128);
        checkLength(violations, "actor", p.actor(), 255);
        if (checkLength(violations, "type", p.type(), 255) && !blank(p.type()) && !TYPE.matcher(p.type().trim()).matches()) {
            violations.add(new Violation("type", "pattern",
                    "must be an event type name such as NamespaceReady or io.platform.events.namespace.NamespaceReady"));
        }
        Instant from = instant(violations, "from", p.from());
        Instant to = instant(violations, "to", p.to());
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("to", "range", "must be after from"));
        }
        Outcome outcome = null;
        if (!blank(p.outcome())) {
            try {
                outcome = Outcome.fromValue(p.outcome().trim());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("outcome", "unknown", "must be one of ok, rejected, failed, dead-letter"));
            }
        }
        AuditCursor after = null;
        if (!blank(p.cursor())) {
            try {
                after = AuditCursor.decode(p.cursor().trim());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("cursor", "invalid", e.getMessage()));
            }
        }
        int effectiveLimit = p.limit() == null ? DEFAULT_LIMIT : p.limit();
        if (effectiveLimit < 1 || effectiveLimit > MAX_LIMIT) {
            violations.add(new Violation("limit", "size", "must be between 1 and " + MAX_LIMIT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidAuditQuery(violations);
        }
        return new AuditQuery(clean(p.namespace()), clean(p.team()), clean(p.requestId()), clean(p.type()),
                clean(p.actor()), from, to, outcome, after, effectiveLimit);
    }

    /** The foundation's parameters (namespace, requestId, type, actor, limit). */
    public static AuditQuery of(String namespace, String requestId, String type, String actor, Integer limit) {
        return of(new Parameters(namespace, null, requestId, type, actor, null, null, null, null, limit));
    }

    public AuditQuery withLimit(int newLimit) {
        return new AuditQuery(namespace, team, requestId, type, actor, from, to, outcome, after, newLimit);
    }

    public AuditQuery after(AuditCursor cursor) {
        return new AuditQuery(namespace, team, requestId, type, actor, from, to, outcome, cursor, limit);
    }

    private static Instant instant(List<Violation> violations, String field, String value) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "invalid",
                    "must be an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01)"));
            return null;
        }
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
