package io.platform.catalog.domain.template;

import io.platform.templates.Quantities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void parsesReleasesAndPreReleasesButNotBuildMetadataOrLooseVersions() {
        assertThat(SemanticVersion.parse("1.2.3")).hasValue(new SemanticVersion(1, 2, 3, null));
        assertThat(SemanticVersion.parse("1.0.0-rc.1")).hasValue(new SemanticVersion(1, 0, 0, "rc.1"));
        assertThat(List.of("1.2", "v1.2.3", "01.2.3", "1.2.3+build", "1.2.3-", "")).allSatisfy(text ->
                assertThat(SemanticVersion.parse(text)).as(text).isEmpty());
    }

    @Test
    void ordersBySemverPrecedence() {
        List<String> sorted = List.of("1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11", "1.0.0-beta.2", "2.0.0", "1.10.0")
                .stream().map(v -> SemanticVersion.parse(v).orElseThrow()).sorted().map(SemanticVersion::toString).toList();

        assertThat(sorted).containsExactly("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.10.0", "2.0.0");
    }

    @Test
    void quantitiesParseLikeKubernetes() {
        assertThat(Quantities.parse("500m")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("1Gi")).isEqualByComparingTo("1073741824");
        assertThat(Quantities.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("2E")).isEqualByComparingTo("2e18");
        assertThat(Quantities.cpu(Quantities.parse("1500m"))).isEqualTo("1500m");
        assertThat(Quantities.bytes(Quantities.parse("1536Mi"))).isEqualTo("1536Mi");
        assertThat(Quantities.isValid("lots")).isFalse();
    }
}
