package io.platform.provisioning.instances;

import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.templates.TemplateContent;
import io.platform.schemas.EventEnvelopes;
import io.platform.test.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's built-in templates, read from catalog-service's sources (where its seeding migration reads them), so
 * that this service's tests deploy exactly the templates the platform ships.
 */
public final class BuiltinTemplateFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BuiltinTemplateFiles() {
    }

    private static Path root() {
        return ProjectLayout.root().resolve("catalog-service/src/main/resources/builtin-templates");
    }

    public static TemplateDefined defined(String name, String version) {
        try {
            Path dir = root().resolve(name).resolve(version);
            JsonNode d = JSON.readTree(Files.readString(dir.resolve("template.json")));
            return TemplateDefined.newBuilder()
                    .setEnvelope(EventEnvelopes.derived("catalog/template:" + name + "@" + version + "/r1", "defined",
                            "catalog-service", "catalog-service", Instant.parse("2026-01-01T00:00:00Z")))
                    .setName(name).setVersion(version).setDescription(d.path("description").asString())
                    .setOwner(d.path("owner").asString())
                    .setTags(strings(d.path("tags"))).setEnvironments(strings(d.path("environments")))
                    .setTiers(strings(d.path("tiers")))
                    .setParameterSchema(d.path("parameterSchema").toString())
                    .setManifests(Files.readString(dir.resolve("manifests.yaml")))
                    .setCpu(d.path("resources").path("cpu").asString()).setMemory(d.path("resources").path("memory").asString())
                    .setStorage(d.path("resources").path("storage").asString())
                    .setMonthlyCostCents(d.path("monthlyCostCents").asLong())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TemplateContent content(String name) {
        TemplateDefined t = defined(name, "1.0.0");
        return new TemplateContent(t.getName(), t.getVersion(), t.getParameterSchema(), t.getManifests(), t.getCpu(),
                t.getMemory(), t.getStorage(), t.getMonthlyCostCents(), t.getEnvironments(), t.getTiers(), false);
    }

    public static List<String> names() {
        return List.of("web-app", "postgresql", "redis", "cron-job");
    }

    public static TierDefined tier(String name, String cpu, String memory, String storage, int pods, int services) {
        return TierDefined.newBuilder()
                .setEnvelope(EventEnvelopes.derived("catalog/tier:" + name + "/r1", "defined", "catalog-service",
                        "catalog-service", Instant.parse("2026-01-01T00:00:00Z")))
                .setName(name).setCpu(cpu).setMemory(memory).setStorage(storage).setPods(pods).setServices(services)
                .setPersistentVolumeClaims(10).setMonthlyCostCents(10000).setDefaultCpuRequest("100m").setDefaultCpuLimit("1")
                .setDefaultMemoryRequest("256Mi").setDefaultMemoryLimit("1Gi").build();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
