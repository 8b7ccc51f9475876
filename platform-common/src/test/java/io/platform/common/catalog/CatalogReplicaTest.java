package io.platform.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogReplicaTest {

    private static TierDefined tier(String name, long cents) {
        return TierDefined.newBuilder().setEnvelope(EventEnvelopes.create("r", "a", "catalog-service", Instant.now()))
                .setName(name).setCpu("2").setMemory("4Gi").setStorage("20Gi").setPods(10).setServices(5)
                .setPersistentVolumeClaims(10).setMonthlyCostCents(cents).setDefaultCpuRequest("100m")
                .setDefaultCpuLimit("1").setDefaultMemoryRequest("256Mi").setDefaultMemoryLimit("1Gi").build();
    }

    @Test
    void isNotLoadedUntilItHoldsATier() {
        var replica = new CatalogReplica();
        assertThat(replica.isLoaded()).isFalse();

        replica.apply("tier:small", tier("small", 10000));

        assertThat(replica.isLoaded()).isTrue();
        assertThat(replica.tier("small")).hasValueSatisfying(t -> assertThat(t.monthlyCostCents()).isEqualTo(10000));
    }

    @Test
    void laterDefinitionsReplaceEarlierOnesAndTombstonesRemoveThem() {
        var replica = new CatalogReplica();
        replica.apply("tier:small", tier("small", 10000));
        replica.apply("tier:small", tier("small", 12000));
        replica.apply("feature:backup", FeatureDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create("r", "a", "catalog-service", Instant.now()))
                .setName("backup").setLabels(Map.of("features.platform.io/backup", "enabled")).build());

        assertThat(replica.tier("small").orElseThrow().monthlyCostCents()).isEqualTo(12000);
        assertThat(replica.feature("backup")).isPresent();

        replica.apply("tier:small", null);
        replica.apply("feature:backup", null);

        assertThat(replica.tier("small")).isEmpty();
        assertThat(replica.feature("backup")).isEmpty();
    }

    @Test
    void holdsEveryTemplateVersionUnderItsKeyAndForgetsOneOnATombstone() {
        var replica = new CatalogReplica();
        replica.apply(CatalogReplica.templateKey("redis", "1.0.0"), template("redis", "1.0.0", false));
        replica.apply(CatalogReplica.templateKey("redis", "1.1.0"), template("redis", "1.1.0", false));
        replica.apply(CatalogReplica.templateKey("redis", "1.0.0"), template("redis", "1.0.0", true));

        assertThat(CatalogReplica.templateKey("redis", "1.0.0")).isEqualTo("template:redis@1.0.0");
        assertThat(replica.template("redis", "1.0.0")).hasValueSatisfying(t -> assertThat(t.getDeprecated()).isTrue());
        assertThat(replica.templates()).hasSize(2);
        assertThat(replica.isLoaded()).as("templates alone do not make the replica usable").isFalse();

        replica.apply("template:redis@1.0.0", null);

        assertThat(replica.template("redis", "1.0.0")).isEmpty();
        assertThat(replica.template("redis", "1.1.0")).isPresent();
        assertThat(replica.template(null, "1.1.0")).isEmpty();
    }

    private static TemplateDefined template(String name, String version, boolean deprecated) {
        return TemplateDefined.newBuilder().setEnvelope(EventEnvelopes.create("r", "a", "catalog-service", Instant.now()))
                .setName(name).setVersion(version).setParameterSchema("{\"type\":\"object\"}")
                .setManifests("").setDeprecated(deprecated).build();
    }
}
