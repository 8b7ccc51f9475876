package io.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceRequestValidatorTest {

    private final NamespaceRequestValidator validator = NamespaceRequestValidator.standalone();
    private final TestCatalog catalog = new TestCatalog();

    private static NamespaceSpecification spec(String name) {
        return new NamespaceSpecification(name, "payments", "development", "small", "isolated",
                List.of("monitoring"), "Checkout service", "CC-1234");
    }

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(validator.validateCreate(spec("payments-checkout"), catalog)).isEmpty();
    }

    @Test
    void rejectsNamespaceNameWithUppercase() {
        assertThat(validator.validateCreate(spec("Payments"), catalog))
                .extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "pattern"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "kube-anything", "openshift-monitoring", "platform-core"})
    void rejectsReservedNames(String name) {
        assertThat(validator.validateCreate(spec(name), catalog))
                .extracting(Violation::field, Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple("name", "reserved"));
    }

    @Test
    void rejectsNamesShorterThanThreeOrLongerThanSixtyThreeCharacters() {
        assertThat(validator.validateCreate(spec("ab"), catalog)).extracting(Violation::code).containsExactly("size");
        char[] longName = new char[64];
        Arrays.fill(longName, 'a');
        assertThat(validator.validateCreate(spec(new String(longName)), catalog)).extracting(Violation::code).containsExactly("size");
        assertThat(validator.validateCreate(spec(new String(longName, 0, 63)), catalog)).isEmpty();
    }

    @Test
    void rejectsNamesStartingOrEndingWithADash() {
        assertThat(validator.validateCreate(spec("-shop"), catalog)).extracting(Violation::code).containsExactly("pattern");
        assertThat(validator.validateCreate(spec("shop-"), catalog)).extracting(Violation::code).containsExactly("pattern");
    }

    @Test
    void namesEveryMissingField() {
        var empty = new NamespaceSpecification(null, null, null, null, null, null, null, null);
        assertThat(validator.validateCreate(empty, catalog))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("name", "team", "environment", "tier", "networkPolicy", "features");
        assertThat(validator.validateCreate(empty, catalog)).extracting(Violation::code).containsOnly("required");
    }

    @Test
    void rejectsUnknownEnvironmentAndNetworkPolicy() {
        var spec = new NamespaceSpecification("shop", "payments", "prod", "small", "closed", List.of(), null, null);
        assertThat(validator.validateCreate(spec, catalog))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("environment", "must be one of development, staging, production"),
                        org.assertj.core.groups.Tuple.tuple("networkPolicy", "must be one of isolated, team-shared, open"));
    }

    @Test
    void rejectsTierAndFeaturesNotInTheCatalogAndNamesTheKnownOnes() {
        var spec = new NamespaceSpecification("shop", "payments", "staging", "xxl", "open",
                List.of("monitoring", "gpu"), null, null);
        List<Violation> violations = validator.validateCreate(spec, catalog);
        assertThat(violations).extracting(Violation::field, Violation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("features[1]", "unknown-feature"),
                org.assertj.core.groups.Tuple.tuple("tier", "unknown-tier"));
        assertThat(violations.get(1).message()).contains("large, medium, micro, small");
    }

    @Test
    void rejectsDuplicateAndMalformedFeatures() {
        var spec = new NamespaceSpecification("shop", "payments", "staging", "small", "open",
                List.of("backup", "backup", "Bad Feature"), null, null);
        assertThat(validator.validateCreate(spec, catalog)).extracting(Violation::field, Violation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("features", "duplicate"),
                org.assertj.core.groups.Tuple.tuple("features[2]", "pattern"));
    }

    @Test
    void rejectsControlCharactersInDescription() {
        var spec = new NamespaceSpecification("shop", "payments", "staging", "small", "open", List.of(),
                "line\u0000break\u202e", null);
        assertThat(validator.validateCreate(spec, catalog)).extracting(Violation::field).containsExactly("description");
    }

    @Test
    void updateMustChangeSomethingAndUseCatalogValues() {
        assertThat(validator.validateUpdate(new NamespaceChanges(null, null, null, null, null), catalog))
                .extracting(Violation::code).containsExactly("empty-change");
        assertThat(validator.validateUpdate(new NamespaceChanges("huge", "wide-open", List.of("gpu"), null, null), catalog))
                .extracting(Violation::field, Violation::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("features[0]", "unknown-feature"),
                        org.assertj.core.groups.Tuple.tuple("networkPolicy", "pattern"),
                        org.assertj.core.groups.Tuple.tuple("tier", "unknown-tier"));
        assertThat(validator.validateUpdate(new NamespaceChanges("large", null, null, null, null), catalog)).isEmpty();
    }
}
