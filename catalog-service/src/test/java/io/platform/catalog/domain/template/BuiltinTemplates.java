package io.platform.catalog.domain.template;

import io.platform.templates.CompiledTemplate;
import io.platform.templates.TemplateContent;
import io.platform.templates.TierQuota;

import io.platform.catalog.persistence.BuiltinTemplatesMigration;
import io.platform.rules.catalog.TierInfo;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The built-in templates as the migration seeds them, for tests. */
public final class BuiltinTemplates {

    public static final TierQuota SMALL = TierQuota.of(new TierInfo("small", "", "2", "4Gi", "20Gi", 10, 5, 10, 10000,
            "100m", "1", "256Mi", "1Gi"));
    public static final TierQuota MICRO = TierQuota.of(new TierInfo("micro", "", "1", "2Gi", "10Gi", 5, 3, 10, 5000,
            "100m", "500m", "128Mi", "512Mi"));

    private BuiltinTemplates() {
    }

    public static List<TemplateContent> all() {
        return BuiltinTemplatesMigration.v4().seeds().stream().map(BuiltinTemplates::content).toList();
    }

    public static TemplateContent named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    public static CompiledTemplate compiled(String name) {
        return CompiledTemplate.compile(named(name));
    }

    private static TemplateContent content(BuiltinTemplatesMigration.Seed seed) {
        JsonNode d = seed.definition();
        return new TemplateContent(d.path("name").asString(), d.path("version").asString(),
                d.path("parameterSchema").toString(), seed.manifests(), d.path("resources").path("cpu").asString(),
                d.path("resources").path("memory").asString(), d.path("resources").path("storage").asString(),
                d.path("monthlyCostCents").asLong(),
                d.path("environments").valueStream().map(JsonNode::asString).toList(),
                d.path("tiers").valueStream().map(JsonNode::asString).toList(), false);
    }
}
