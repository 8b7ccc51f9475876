package io.platform.provisioning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceUpdateTest {

    private final NamespaceSpecification current = TestCatalog.spec("payments-api", "production", "small", "isolated",
            "monitoring");

    @Test
    void namedFieldsReplaceTheCurrentValuesAndOnlyRealChangesAreListed() {
        NamespaceUpdate update = NamespaceUpdate.of(current,
                new NamespaceChanges("large", "isolated", List.of("backup"), null, "CC-9"));

        assertThat(update.spec()).isEqualTo(new NamespaceSpecification("payments-api", "payments", "production", "large",
                "isolated", List.of("backup"), "Payments API", "CC-9"));
        assertThat(update.changedFields()).containsExactly("tier", "features", "costCenter");
    }

    @Test
    void anEmptyDescriptionOrCostCentreClearsIt() {
        NamespaceUpdate update = NamespaceUpdate.of(current, new NamespaceChanges(null, null, null, "", " "));

        assertThat(update.spec().description()).isNull();
        assertThat(update.spec().costCenter()).isNull();
        assertThat(update.changedFields()).containsExactly("description", "costCenter");
    }

    @Test
    void theSameValuesChangeNothing() {
        NamespaceUpdate update = NamespaceUpdate.of(current,
                new NamespaceChanges("small", "isolated", List.of("monitoring"), "Payments API", null));

        assertThat(update.spec()).isEqualTo(current);
        assertThat(update.changedFields()).isEmpty();
    }
}
