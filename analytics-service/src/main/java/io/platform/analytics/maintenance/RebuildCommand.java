package io.platform.analytics.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Recomputes every analytics projection from the retained topics:
 * <pre>
 * java -jar analytics-service.jar rebuild [--bootstrap-servers localhost:9092] [--application-id analytics-service]
 *      [--state-dir /tmp/analytics-service-streams] [--jdbc-url jdbc:postgresql://localhost:15432/analytics]
 *      [--user platform] [--password platform]
 * </pre>
 * With analytics-service stopped (refused otherwise): deletes the topology's internal topics
 * ({@code <application-id>-*-changelog}, {@code -repartition}) and its consumer group (so it starts again at the
 * earliest retained offsets), its local state directory, and the PostgreSQL projection tables' rows. The next start
 * recomputes them all; the compacted BI topics are overwritten key by key. Environment defaults:
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code ANALYTICS_STREAMS_APPLICATION_ID}, {@code ANALYTICS_STREAMS_STATE_DIR},
 * {@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME}, {@code SPRING_DATASOURCE_PASSWORD}.
 */
public final class RebuildCommand {

    static final List<String> TABLES = List.of("cost_interval", "analytics_namespace", "provisioning_request");

    private RebuildCommand() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && args[0].equals("rebuild");
    }

    /** Result of a rebuild. */
    public record Report(List<String> deletedTopics, boolean groupDeleted, Path stateDir, List<String> truncated) {
    }

    public static int run(String[] args) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("analytics-service rebuild: " + e.getMessage());
            return 2;
        }
        try {
            Report report = rebuild(options.get("bootstrap-servers"), options.get("application-id"),
                    Path.of(options.get("state-dir")), options.get("jdbc-url"), options.get("user"), options.get("password"));
            System.out.println(report);
            System.out.println("start analytics-service again: it recomputes every projection from the retained topics");
            return 0;
        } catch (Exception e) {
            System.err.println("analytics-service rebuild failed: " + e);
            return 1;
        }
    }

    public static Report rebuild(String bootstrapServers, String applicationId, Path stateDir, String jdbcUrl, String user,
                                 String password) throws Exception {
        List<String> internal;
        boolean groupDeleted = false;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                        .get(30, TimeUnit.SECONDS).get(applicationId);
                if (!group.members().isEmpty()) {
                    throw new IllegalStateException("application " + applicationId + " is running (" + group.members().size()
                            + " members): stop analytics-service first");
                }
                if (group.groupState() != GroupState.DEAD) {
                    admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
                    groupDeleted = true;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.startsWith(applicationId + "-")
                            && (topic.endsWith("-changelog") || topic.endsWith("-repartition")))
                    .sorted().toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
            }
        }
        deleteRecursively(stateDir.resolve(applicationId));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("truncate " + String.join(", ", TABLES));
        }
        return new Report(internal, groupDeleted, stateDir.resolve(applicationId), TABLES);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("bootstrap-servers", env("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        values.put("application-id", env("ANALYTICS_STREAMS_APPLICATION_ID", "analytics-service"));
        values.put("state-dir", env("ANALYTICS_STREAMS_STATE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "analytics-service-streams").toString()));
        values.put("jdbc-url", env("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/analytics"));
        values.put("user", env("SPRING_DATASOURCE_USERNAME", "platform"));
        values.put("password", env("SPRING_DATASOURCE_PASSWORD", "platform"));
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + values.keySet());
            }
            if (eq > 0) {
                values.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
        }
        return values;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
