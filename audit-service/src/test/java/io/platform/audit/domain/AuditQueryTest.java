package io.platform.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platform.rules.Violation;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void blankParametersMeanNoFilterAndTheDefaultLimit() {
        AuditQuery query = AuditQuery.of(" ", null, "", null, null);

        assertThat(query).isEqualTo(new AuditQuery(null, null, null, null, AuditQuery.DEFAULT_LIMIT));
    }

    @Test
    void keepsTrimmedFilters() {
        AuditQuery query = AuditQuery.of(" payments-api ", "r-1", "NamespaceReady", "team-payments", 5);

        assertThat(query).isEqualTo(new AuditQuery("payments-api", "r-1", "NamespaceReady", "team-payments", 5));
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

    private static java.util.List<Violation> violationsOf(String namespace, String type, Integer limit) {
        AuditQuery.InvalidAuditQuery invalid = catchThrowableOfType(AuditQuery.InvalidAuditQuery.class,
                () -> AuditQuery.of(namespace, null, type, null, limit));
        assertThat(invalid).isNotNull();
        return invalid.violations();
    }
}
