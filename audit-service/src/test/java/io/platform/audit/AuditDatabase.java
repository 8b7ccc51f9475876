package io.platform.audit;

import io.platform.test.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The audit database as deployed: Flyway migrates as the owner (here the embedded server's superuser), the service
 * connects as the restricted role {@code audit_writer} that the migration creates.
 */
final class AuditDatabase {

    private AuditDatabase() {
    }

    /** JDBC URL without the user the embedded server puts into it. */
    static String url(String database) {
        return TestPostgres.jdbcUrl(database).replaceAll("[?&]user=[^&]*", "");
    }

    static void asRuntimeRole(DynamicPropertyRegistry registry, String database) {
        properties(database).forEach((key, value) -> registry.add(key, () -> value));
    }

    static Map<String, String> properties(String database) {
        return Map.of(
                "spring.datasource.url", url(database),
                "spring.datasource.username", "audit_writer",
                "spring.datasource.password", "audit_writer",
                "spring.flyway.user", TestPostgres.USER,
                "spring.flyway.password", TestPostgres.PASSWORD);
    }

    static Connection owner(String database) throws SQLException {
        return DriverManager.getConnection(url(database), TestPostgres.USER, TestPostgres.PASSWORD);
    }

    static Connection as(String database, String role) throws SQLException {
        return DriverManager.getConnection(url(database), role, role);
    }
}
