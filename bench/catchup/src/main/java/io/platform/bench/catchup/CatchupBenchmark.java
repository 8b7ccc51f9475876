package io.platform.bench.catchup;

import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import io.platform.test.ProjectLayout;
import io.platform.test.TestKafka;
import io.platform.test.TestPostgres;
import io.platform.test.TestRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

/**
 * Catch-up benchmark of audit-service and analytics-service, each against a baseline measured in the same run:
 * <ol>
 *   <li>publishes N events (default 1,000,000; {@link EventMix}) to the platform topics of a fresh in-JVM broker, with
 *       the real schema registry and an embedded PostgreSQL;</li>
 *   <li>audit: starts {@code audit-service.jar} and times until all N rows are stored; baseline: the same rows, exported
 *       with {@code COPY TO}, loaded with {@code COPY FROM} into an empty table with the same indexes and constraints;</li>
 *   <li>analytics: starts {@code analytics-service.jar} (new application id) and times until its consumer group has
 *       committed the end of the four input topics; baseline: {@link PassThroughApp} (same serdes, exactly_once_v2) on
 *       the same topics, in the same JVM options.</li>
 * </ol>
 * Rates are N ÷ (last progress − first progress), so JVM start-up is excluded; wall times from process start are
 * printed too. Args: [events] [JVM options for the three processes].
 */
public final class CatchupBenchmark {

    private static final String PASS_THROUGH_OUTPUT = "bench.passthrough.v1";

    private CatchupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String jvm = args.length > 1 ? args[1] : "-Xms128m -Xmx512m -XX:+UseSerialGC";
        int namespaces = events / EventMix.EVENTS_PER_NAMESPACE;
        Path root = ProjectLayout.root();
        String bootstrap = TestKafka.bootstrapServers();
        String registry = TestRegistry.url();
        createTopics(bootstrap);

        long published = publish(bootstrap, registry, namespaces);
        log("published %,d events (%,d namespaces)", published, namespaces);
        Map<String, String> results = new LinkedHashMap<>();

        // audit-service
        String auditDb = "audit_bench_" + System.currentTimeMillis();
        String auditUrl = TestPostgres.jdbcUrl(auditDb).replaceAll("[?&]user=[^&]*", "");
        Map<String, String> auditEnv = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", auditUrl, "SPRING_DATASOURCE_USERNAME", "audit_writer",
                "AUDIT_OWNER_USERNAME", TestPostgres.USER, "AUDIT_OWNER_PASSWORD", TestPostgres.PASSWORD,
                "AUDIT_KAFKA_GROUP_ID", "audit-bench-" + System.currentTimeMillis()));
        Run audit = runService(root.resolve("audit-service/target/audit-service.jar"), jvm, bootstrap, registry, auditEnv,
                () -> count(auditUrl, "select count(*) from audit_event"), published, "audit-service");
        double copyRate = copyBaseline(auditUrl, published);
        results.put("audit", String.format(Locale.ROOT, "| audit-service catch-up | %,d | %.1f s | %.1f s | %,.0f | raw COPY %,.0f rows/s | **%.2f×** |",
                published, audit.wallSeconds(), audit.steadySeconds(), audit.rate(), copyRate, audit.rate() / copyRate));

        // analytics-service
        long inputs = endOffsets(bootstrap, AnalyticsInputs.TOPICS);
        String analyticsDb = "analytics_bench_" + System.currentTimeMillis();
        String analyticsUrl = TestPostgres.jdbcUrl(analyticsDb).replaceAll("[?&]user=[^&]*", "");
        String appId = "analytics-bench-" + System.currentTimeMillis();
        Path stateDir = Files.createTempDirectory("analytics-bench");
        Map<String, String> analyticsEnv = Map.of("SPRING_DATASOURCE_URL", analyticsUrl,
                "SPRING_DATASOURCE_USERNAME", TestPostgres.USER, "SPRING_DATASOURCE_PASSWORD", TestPostgres.PASSWORD,
                "ANALYTICS_STREAMS_APPLICATION_ID", appId, "ANALYTICS_STREAMS_STATE_DIR", stateDir.toString());
        AtomicLong pgDone = new AtomicLong();
        Run analytics = runService(root.resolve("analytics-service/target/analytics-service.jar"), jvm, bootstrap, registry,
                analyticsEnv, () -> committed(bootstrap, appId, AnalyticsInputs.TOPICS), inputs, "analytics-service",
                () -> {
                    long start = System.nanoTime();
                    await(() -> count(analyticsUrl, "select count(*) from analytics_namespace"), namespaces, Duration.ofMinutes(10));
                    pgDone.set(System.nanoTime() - start);
                });

        String passId = "passthrough-bench-" + System.currentTimeMillis();
        Path passState = Files.createTempDirectory("passthrough-bench");
        List<String> passCommand = new ArrayList<>(List.of(javaBin()));
        passCommand.addAll(List.of(jvm.split("\\s+")));
        passCommand.addAll(List.of("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.platform.events", "-cp",
                System.getProperty("java.class.path"), PassThroughApp.class.getName(), bootstrap, registry, passId,
                passState.toString(), PASS_THROUGH_OUTPUT));
        Run passThrough = run(passCommand, Map.of(), () -> committed(bootstrap, passId, AnalyticsInputs.TOPICS), inputs,
                "pass-through", null);
        results.put("analytics", String.format(Locale.ROOT, "| analytics-service catch-up | %,d | %.1f s | %.1f s | %,.0f | pass-through Streams %,.0f events/s | **%.2f×** |",
                inputs, analytics.wallSeconds(), analytics.steadySeconds(), analytics.rate(), passThrough.rate(),
                analytics.rate() / passThrough.rate()));

        System.out.println();
        System.out.println("| Run | Events | Wall (from process start) | Catch-up | Events/s | Baseline (same run) | Ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        results.values().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nanalytics PostgreSQL projection complete %.1f s after the Streams catch-up ended%n",
                pgDone.get() / 1e9);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, JVM options of the measured processes: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), jvm);
        System.exit(0);
    }

    /** The input topics of the analytics topology (and of the pass-through). */
    static final class AnalyticsInputs {
        static final List<String> TOPICS = List.of(Topics.NAMESPACE_REQUESTS.name(), Topics.NAMESPACE_EVENTS.name(),
                Topics.SERVICE_INSTANCES.name(), Topics.RBAC_EVENTS.name());
    }

    record Run(double wallSeconds, double steadySeconds, long done) {
        double rate() {
            return done / steadySeconds;
        }
    }

    private static Run runService(Path jar, String jvm, String bootstrap, String registry, Map<String, String> env,
                                  LongSupplier progress, long target, String name) throws Exception {
        return runService(jar, jvm, bootstrap, registry, env, progress, target, name, null);
    }

    private static Run runService(Path jar, String jvm, String bootstrap, String registry, Map<String, String> env,
                                  LongSupplier progress, long target, String name, Runnable afterwards) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(List.of(jvm.split("\\s+")));
        String extra = System.getenv("BENCH_JVM_EXTRA_" + name.replace('-', '_').toUpperCase(Locale.ROOT));
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.platform.events", "-jar", jar.toString()));
        Map<String, String> environment = new HashMap<>(env);
        // tuning passed through from the benchmark's environment (AUDIT_KAFKA_CONCURRENCY, ANALYTICS_STREAMS_THREADS...)
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("AUDIT_KAFKA_") || key.startsWith("ANALYTICS_STREAMS_")) {
                environment.putIfAbsent(key, value);
            }
        });
        environment.put("SERVER_PORT", "0");
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        environment.put("PLATFORM_KAFKA_REGISTRY_URL", registry);
        environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "http://127.0.0.1:9");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        return run(command, environment, progress, target, name, afterwards);
    }

    private static Run run(List<String> command, Map<String, String> env, LongSupplier progress, long target, String name,
                           Runnable afterwards) throws Exception {
        File logFile = Files.createTempFile(name, ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long first = 0;
            long last = 0;
            long done = 0;
            long deadline = start + TimeUnit.MINUTES.toNanos(30);
            while (done < target) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited, see " + logFile);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not catch up in 30 min (" + done + "/" + target + "), see " + logFile);
                }
                long now = progress.getAsLong();
                if (now > 0 && first == 0) {
                    first = System.nanoTime();
                    log("%s: first progress after %.1f s", name, (first - start) / 1e9);
                }
                if (now > done) {
                    last = System.nanoTime();
                }
                done = now;
                Thread.sleep(200);
            }
            Run result = new Run((last - start) / 1e9, (last - first) / 1e9, done);
            log("%s: %,d in %.1f s after its first progress (%,.0f/s); %.1f s from process start", name, done,
                    result.steadySeconds(), result.rate(), result.wallSeconds());
            if (afterwards != null) {
                afterwards.run();
            }
            return result;
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static double copyBaseline(String url, long rows) throws Exception {
        Path file = Files.createTempFile("audit-rows", ".copy");
        String columns = "event_id, event_type, topic, partition, \"offset\", namespace, team, request_id, actor, source,"
                + " occurred_at, recorded_at, outcome, payload, chain, seq, prev_hash, hash";
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("copy audit_event (" + columns + ") to stdout", out);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table audit_event_copy (like audit_event including all)");
            }
            long start = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy audit_event_copy (" + columns + ") from stdin", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = rows / seconds;
            log("raw COPY of the same %,d rows into a table with the same indexes: %.1f s (%,.0f rows/s)", rows, seconds, rate);
            return rate;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long publish(String bootstrap, String registry, int namespaces) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicLong count = new AtomicLong();
        Instant start = Instant.now().minus(Duration.ofDays(20));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                EventSerdes.valueSerializer(RegistrySettings.forRoot(registry)))) {
            for (int i = 0; i < namespaces; i++) {
                EventMix.namespace(i, start, (topic, keyAndEvent) -> {
                    producer.send(new ProducerRecord<>(topic.name(), (String) keyAndEvent[0], (SpecificRecord) keyAndEvent[1]));
                    count.incrementAndGet();
                });
            }
            producer.flush();
        }
        return count.get();
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec<?> topic : Topics.ALL) {
                topics.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.topicConfig()));
                topics.add(new NewTopic(topic.deadLetterTopic(), topic.partitions(), (short) 1));
            }
            topics.add(new NewTopic(PASS_THROUGH_OUTPUT, 3, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    private static long endOffsets(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < 3; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sum of the group's committed offsets on the topics (transaction markers make it overshoot by a few: capped). */
    private static long committed(String bootstrap, String group, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(entry -> topics.contains(entry.getKey().topic()))
                    .mapToLong(entry -> entry.getValue() == null ? 0 : entry.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static long count(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static void await(LongSupplier value, long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (value.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + target);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[catchup] " + format + "%n", args);
    }
}
