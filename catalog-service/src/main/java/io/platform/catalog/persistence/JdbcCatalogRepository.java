package io.platform.catalog.persistence;

import io.platform.catalog.domain.CatalogRepository;
import io.platform.catalog.domain.FeatureDefinition;
import io.platform.catalog.domain.TierDefinition;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcCatalogRepository implements CatalogRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<TierDefinition> tierMapper = this::tier;
    private final RowMapper<FeatureDefinition> featureMapper = this::feature;

    JdbcCatalogRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<TierDefinition> tiers() {
        return jdbc.sql("select * from tier order by monthly_cost_cents, name").query(tierMapper).list();
    }

    @Override
    public Optional<TierDefinition> tier(String name) {
        return jdbc.sql("select * from tier where name = ?").param(name).query(tierMapper).optional();
    }

    @Override
    public List<FeatureDefinition> features() {
        return jdbc.sql("select * from feature order by name").query(featureMapper).list();
    }

    @Override
    public Optional<FeatureDefinition> feature(String name) {
        return jdbc.sql("select * from feature where name = ?").param(name).query(featureMapper).optional();
    }

    private TierDefinition tier(ResultSet row, int rowNum) throws SQLException {
        TierInfo tier = new TierInfo(row.getString("name"), row.getString("description"), row.getString("cpu"),
                row.getString("memory"), row.getString("storage"), row.getInt("pods"), row.getInt("services"),
                row.getInt("persistent_volume_claims"), row.getLong("monthly_cost_cents"),
                row.getString("default_cpu_request"), row.getString("default_cpu_limit"),
                row.getString("default_memory_request"), row.getString("default_memory_limit"));
        return new TierDefinition(tier, row.getInt("revision"), row.getTimestamp("updated_at").toInstant());
    }

    private FeatureDefinition feature(ResultSet row, int rowNum) throws SQLException {
        FeatureInfo feature = new FeatureInfo(row.getString("name"), row.getString("description"),
                json.readValue(row.getString("labels"), STRING_MAP), json.readValue(row.getString("annotations"), STRING_MAP));
        return new FeatureDefinition(feature, row.getInt("revision"), row.getTimestamp("updated_at").toInstant());
    }
}
