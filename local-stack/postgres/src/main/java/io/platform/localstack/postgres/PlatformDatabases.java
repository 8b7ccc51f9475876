package io.platform.localstack.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/** Creates the platform role and databases if they are missing; never drops or alters existing data. */
final class PlatformDatabases {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private PlatformDatabases() {
    }

    /**
     * @param superuser superuser data source for a database name
     * @return the databases that were created by this call (empty when all existed)
     */
    static List<String> ensure(Function<String, DataSource> superuser, String role, String password,
            List<String> databases)
            throws IOException {
        checkIdentifier(role);
        databases.forEach(PlatformDatabases::checkIdentifier);
        List<String> created = new ArrayList<>();
        try (Connection connection = superuser.apply("postgres").getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                }
            }
            // The owner creates the restricted roles its migrations need (audit-service: audit_writer,
            // audit_maintainer); kept at every start so an existing data directory gets it too.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER ROLE " + role + " CREATEROLE");
            }
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + database + " OWNER " + role + " ENCODING 'UTF8'");
                    }
                    created.add(database);
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the platform role and databases", e);
        }
        // The public schema belongs to the superuser by default; hand it to the role so schema
        // migrations work the same on PostgreSQL 15+ (where PUBLIC lost CREATE on it).
        for (String database : created) {
            try (Connection connection = superuser.apply(database).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER SCHEMA public OWNER TO " + role);
            } catch (SQLException e) {
                throw new IOException("could not prepare database " + database, e);
            }
        }
        return created;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next();
            }
        }
    }

    private static void checkIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }
}
