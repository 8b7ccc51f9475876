package io.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NamespaceRequestValidatorPropertiesTest {

    private final NamespaceRequestValidator validator = NamespaceRequestValidator.standalone();
    private final TestCatalog catalog = new TestCatalog();

    @Property(tries = 2000)
    void arbitraryStringsNeverBreakTheValidator(@ForAll String name, @ForAll String team, @ForAll String environment,
                                                 @ForAll String tier, @ForAll String mode, @ForAll List<String> features,
                                                 @ForAll String description) {
        var spec = new NamespaceSpecification(name, team, environment, tier, mode, features, description, null);
        List<Violation> violations = validator.validateCreate(spec, catalog);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Property(tries = 1000)
    void everyDns1123LabelThatIsNotReservedIsAccepted(@ForAll("labels") String name) {
        var spec = new NamespaceSpecification(name, "payments", "production", "medium", "team-shared", List.of(), null, null);
        assertThat(validator.validateCreate(spec, catalog)).isEmpty();
    }

    @Property(tries = 1000)
    void nameWithAnyCharacterOutsideTheLabelAlphabetIsRejected(@ForAll("labels") String label, @ForAll("foreign") char bad) {
        String name = label.substring(0, label.length() / 2) + bad + label.substring(label.length() / 2);
        var spec = new NamespaceSpecification(name, "payments", "production", "medium", "open", List.of(), null, null);
        assertThat(validator.validateCreate(spec, catalog)).extracting(Violation::field).contains("name");
    }

    @Provide
    Arbitrary<String> labels() {
        Arbitrary<String> edge = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(1);
        Arbitrary<String> middle = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(61);
        return net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b)
                .filter(name -> !ReservedNames.isReserved(name));
    }

    @Provide
    Arbitrary<Character> foreign() {
        return Arbitraries.chars().filter(c -> !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-');
    }
}
