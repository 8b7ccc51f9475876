package io.platform.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar as the launcher does: READY line, persistent data, clean stop on SIGTERM. */
class LocalPostgresIT {

    @TempDir
    Path workDir;

    private Process process;
    private Path log;

    @AfterEach
    void stopProcess() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        // Never leave a server behind, even when an assertion failed half-way.
        Optional<Long> orphan = LocalPostgres.runningPostmaster(workDir.resolve("data"));
        orphan.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void createsThePlatformDatabasesKeepsDataAcrossRestartsAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Path dataDir = workDir.resolve("data");

        start(port, dataDir, "first.log");
        for (String database : LocalPostgres.DATABASES) {
            try (Connection connection = connect(port, database)) {
                assertThat(currentUser(connection)).isEqualTo("platform");
            }
        }
        try (Connection connection = connect(port, "catalog"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int primary key)");
            statement.execute("INSERT INTO probe VALUES (42)");
        }

        stopWithSigterm();
        assertThat(Files.readString(log)).contains("PostgreSQL stopped");
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();

        start(port, dataDir, "second.log");
        try (Connection connection = connect(port, "catalog"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM probe")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        assertThat(Files.readString(log)).doesNotContain("initdb");

        stopWithSigterm();
    }

    private void start(int port, Path dataDir, String logName) throws IOException {
        Path jar = Paths.get(System.getProperty("local-postgres.jar", "target/local-postgres.jar"));
        assertThat(jar).exists();
        log = workDir.resolve(logName);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("local-postgres alive, see %s", log).isTrue();
            return Files.readString(log).contains("READY postgres port=" + port);
        });
    }

    private void stopWithSigterm() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "platform", "platform");
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_user, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())")) {
            rows.next();
            assertThat(rows.getString(2)).as("database owner").isEqualTo("platform");
            return rows.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
