package io.platform.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platform.rules.Violation;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void blankParametersMeanNoFilterAndTheDefaultLimit() {
        AuditQuery query = AuditQuery.of(" ", null, "", null, null);

        assertThat(query).isEqualTo(new AuditQuery(null, null, null, null, null, null, null, null, null, AuditQuery.DEFAULT_LIMIT));
    }

    @Test
    void keepsTrimmedFilters() {
        AuditQuery query = AuditQuery.of(" payments-api ", "r-1", "NamespaceReady", "team-payments", 5);

        assertThat(query).isEqualTo(new AuditQuery("payments-api", null, "r-1", "NamespaceReady", "team-payments", null, null,
                null, null, 5));
    }

    @Test
    void rejectsALimitOutsideOneToTheMaximum() {
        assertThat(violationsOf(null, null, 0)).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("limit", "size"));
        assertThat(violationsOf(null, null, AuditQuery.MAX_LIMIT + 1)).extracting(Violation::field).containsExactly("limit");
    }

    @Test
    void rejectsATypeThatIsNotAnEventTypeName() {
        assertThat(violationsOf(null, "Namespace Ready';--", 10)).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("type", "pattern"));
    }

    @Test
    void reportsEveryInvalidParameterAtOnce() {
        assertThat(violationsOf("x".repeat(254), "bad type", -1)).extracting(Violation::field)
                .containsExactlyInAnyOrder("namespace", "type", "limit");
    }

    @Test
    void readsATimeRangeOfInstantsOrDatesTeamOutcomeAndCursor() {
        String cursor = new AuditCursor(java.time.Instant.parse("2026-12-04T10:00:00.123456Z"), 42).encode();

        AuditQuery query = AuditQuery.of(new AuditQuery.Parameters(null, "payments", null, null, null, "2026-12-01",
                "2026-12-04T12:00:00Z", "rejected", cursor, 10));

        assertThat(query.team()).isEqualTo("payments");
        assertThat(query.from()).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(java.time.Instant.parse("2026-12-04T12:00:00Z"));
        assertThat(query.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(query.after()).isEqualTo(new AuditCursor(java.time.Instant.parse("2026-12-04T10:00:00.123456Z"), 42));
    }

    @Test
    void namesAnUnreadableTimeRangeOutcomeAndCursor() {
        AuditQuery.InvalidAuditQuery invalid = catchThrowableOfType(AuditQuery.InvalidAuditQuery.class,
                () -> AuditQuery.of(new AuditQuery.Parameters(null, null, null, null, null, "yesterday", "2026-12-01",
                        "great", "bm90LWEtY3Vyc29y", null)));

        assertThat(invalid.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("from", "outcome", "cursor");
    }

    @Test
    void refusesAnEmptyTimeRange() {
        AuditQuery.InvalidAuditQuery invalid = catchThrowableOfType(AuditQuery.InvalidAuditQuery.class,
                () -> AuditQuery.of(new AuditQuery.Parameters(null, null, null, null, null, "2026-12-02", "2026-12-01",
                        null, null, null)));

        assertThat(invalid.violations()).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("to", "range"));
    }

    private static java.util.List<Violation> violationsOf(String namespace, String type, Integer limit) {
        AuditQuery.InvalidAuditQuery invalid = catchThrowableOfType(AuditQuery.InvalidAuditQuery.class,
                () -> AuditQuery.of(namespace, null, type, null, limit));
        assertThat(invalid).isNotNull();
        return invalid.violations();
    }
}
