package io.platform.catalog.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds built-in template versions from {@code builtin-templates/<name>/<version>/} (template.json: description,
 * owner, tags, environments, tiers, resources, monthly cost and the parameter schema; manifests.yaml: the Mustache
 * manifests). Like every migration it runs once; its checksum covers the files, so editing a seeded version makes
 * Flyway's validation fail instead of silently diverging between databases. New built-in versions get a new migration.
 */
public class BuiltinTemplatesMigration implements JavaMigration {

    static final String ROOT = "builtin-templates/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String version;
    private final String description;
    private final List<String> templates;

    public BuiltinTemplatesMigration(String version, String description, List<String> templates) {
        this.version = version;
        this.description = description;
        this.templates = List.copyOf(templates);
    }

    /** V4: web-app, postgresql, redis, cron-job 1.0.0. */
    public static BuiltinTemplatesMigration v4() {
        return new BuiltinTemplatesMigration("4", "builtin templates", List.of(
                "web-app/1.0.0", "postgresql/1.0.0", "redis/1.0.0", "cron-job/1.0.0"));
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        for (String template : templates) {
            crc.update(read(template + "/template.json").getBytes(StandardCharsets.UTF_8));
            crc.update(read(template + "/manifests.yaml").getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into template_version (name, version, description, owner, tags, environments, tiers,
                    parameter_schema, manifests, cpu, memory, storage, monthly_cost_cents, published_by)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, 'platform (built-in)')
                """)) {
            for (Seed seed : seeds()) {
                JsonNode definition = seed.definition();
                insert.setString(1, definition.path("name").asString());
                insert.setString(2, definition.path("version").asString());
                insert.setString(3, definition.path("description").asString(""));
                insert.setString(4, definition.path("owner").asString());
                insert.setString(5, JSON.writeValueAsString(definition.path("tags")));
                insert.setString(6, JSON.writeValueAsString(definition.path("environments")));
                insert.setString(7, JSON.writeValueAsString(definition.path("tiers")));
                insert.setString(8, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition.path("parameterSchema")));
                insert.setString(9, seed.manifests());
                insert.setString(10, definition.path("resources").path("cpu").asString("0"));
                insert.setString(11, definition.path("resources").path("memory").asString("0"));
                insert.setString(12, definition.path("resources").path("storage").asString("0"));
                insert.setLong(13, definition.path("monthlyCostCents").asLong());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** One seeded version: template.json parsed and the manifests text. */
    public record Seed(JsonNode definition, String manifests) {
    }

    public List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (String template : templates) {
            seeds.add(new Seed(JSON.readTree(read(template + "/template.json")), read(template + "/manifests.yaml")));
        }
        return seeds;
    }

    private static String read(String path) {
        try (InputStream in = BuiltinTemplatesMigration.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in template file " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
