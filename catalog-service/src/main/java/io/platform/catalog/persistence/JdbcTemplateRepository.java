package io.platform.catalog.persistence;

import io.platform.catalog.domain.TemplateRepository;
import io.platform.catalog.domain.TemplateVersion;
import io.platform.templates.TemplateContent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcTemplateRepository implements TemplateRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcTemplateRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<TemplateVersion> all() {
        return jdbc.sql("select * from template_version order by name, version").query(this::map).list();
    }

    @Override
    public List<TemplateVersion> versions(String name) {
        return jdbc.sql("select * from template_version where name = ?").param(name).query(this::map).list();
    }

    @Override
    public Optional<TemplateVersion> find(String name, String version) {
        return jdbc.sql("select * from template_version where name = ? and version = ?").param(name).param(version)
                .query(this::map).optional();
    }

    @Override
    public boolean insert(TemplateVersion version) {
        TemplateContent content = version.content();
        try {
            return jdbc.sql("""
                    insert into template_version (name, version, description, owner, tags, environments, tiers,
                        parameter_schema, manifests, cpu, memory, storage, monthly_cost_cents, published_by, published_at,
                        updated_at)
                    values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (name, version) do nothing
                    """)
                    .params(content.name(), content.version(), version.description(), version.owner(),
                            json.writeValueAsString(version.tags()), json.writeValueAsString(content.environments()),
                            json.writeValueAsString(content.tiers()), content.parameterSchema(), content.manifests(),
                            content.cpu(), content.memory(), content.storage(), content.monthlyCostCents(),
                            version.publishedBy(), Timestamp.from(version.publishedAt()), Timestamp.from(version.updatedAt()))
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Optional<TemplateVersion> deprecate(String name, String version, String note, Instant at) {
        jdbc.sql("""
                update template_version set deprecated = true, deprecation_note = ?, revision = revision + 1, updated_at = ?
                where name = ? and version = ? and not deprecated
                """).params(note, Timestamp.from(at), name, version).update();
        return find(name, version);
    }

    private TemplateVersion map(ResultSet row, int rowNum) throws SQLException {
        TemplateContent content = new TemplateContent(row.getString("name"), row.getString("version"),
                row.getString("parameter_schema"), row.getString("manifests"), row.getString("cpu"),
                row.getString("memory"), row.getString("storage"), row.getLong("monthly_cost_cents"),
                json.readValue(row.getString("environments"), STRINGS), json.readValue(row.getString("tiers"), STRINGS),
                row.getBoolean("deprecated"));
        return new TemplateVersion(content, row.getString("description"), row.getString("owner"),
                json.readValue(row.getString("tags"), STRINGS), row.getString("deprecation_note"), row.getInt("revision"),
                row.getString("published_by"), row.getTimestamp("published_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
