package io.platform.bench.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.gateway.web.CachingJwtDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import io.micrometer.core.instrument.Timer;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.gateway.GatewayApplication;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.ReadModel;
import io.platform.rules.NamespaceSpecification;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.ChildProcess;
import io.platform.test.TestIssuer;
import io.platform.test.TestKafka;
import io.platform.test.TestPostgres;
import io.platform.test.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway intake benchmark (a benchmark, not a test): the gateway in this JVM with real infrastructure (the
 * in-JVM KRaft broker, embedded PostgreSQL, the registry and the dev issuer as child processes), wrk as the load
 * generator. Alternates, in one run, the secured endpoint ({@code POST /api/v1/namespaces}: JWT validation, role and
 * team check, validation against the catalog, durable publish) and the baseline ({@code POST
 * /bench/baseline/namespaces}: the same durable work without security and validation), each with a concurrent
 * {@code GET /api/v1/namespaces/{name}} load, and prints a table. Run with {@code bench/gateway/run.sh}.
 */
public final class IntakeBenchmark {

    private static final Pattern RESULT = Pattern.compile("RESULT accepted=(\\d+) other=(\\d+) requests=(\\d+) "
            + "duration_us=(\\d+) p50_us=(\\d+) p95_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) errors=(\\d+)");

    record Result(long accepted, long other, long requests, long durationMicros, long p50, long p95, long p99, long max,
                  long errors) {
        double acceptedPerSecond() {
            return accepted * 1_000_000.0 / durationMicros;
        }

        double requestsPerSecond() {
            return requests * 1_000_000.0 / durationMicros;
        }
    }

    record Phase(String name, Result post, Result get) {
    }

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path scripts = Path.of(options.getOrDefault("scripts", "bench/gateway"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "16"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        int port = ChildProcess.freePort();
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class, BaselineIntake.class)
                .run("--server.port=" + port,
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--platform.kafka.registry-url=" + TestRegistry.url(),
                        "--spring.datasource.url=" + TestPostgres.jdbcUrl("gateway_bench"),
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.issuerUri(),
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        try {
            prepare(gateway);
            String url = "http://127.0.0.1:" + port;
            String token = TestIssuer.token("team-payments");
            String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

            System.out.printf(Locale.ROOT, "warming up %d s per endpoint...%n", warmup);
            phase("warmup-secured", scripts, url, token, "/api/v1/namespaces", "w" + run + "s", warmup, threads, connections);
            phase("warmup-baseline", scripts, url, token, "/bench/baseline/namespaces", "w" + run + "b", warmup, threads,
                    connections);

            List<Phase> phases = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // each phase starts with the read-model projection caught up, so no phase pays for another's backlog
                awaitProjection(gateway);
                phases.add(phase("secured #" + round, scripts, url, token, "/api/v1/namespaces", "r" + run + "s" + round,
                        duration, threads, connections));
                awaitProjection(gateway);
                phases.add(phase("baseline #" + round, scripts, url, token, "/bench/baseline/namespaces",
                        "r" + run + "b" + round, duration, threads, connections));
            }
            print(phases, loadBefore, duration, threads, connections);
            printTokenValidation(gateway, token);
        } finally {
            gateway.close();
        }
        System.exit(0);
    }

    /** The catalog on the topic, and one READY namespace to read under load. */
    private static void prepare(ConfigurableApplicationContext gateway) throws InterruptedException {
        CatalogReplica replica = gateway.getBean(CatalogReplica.class);
        if (replica.tier("small").isEmpty()) {
            EventPublisher publisher = gateway.getBean(EventPublisher.class);
            Instant now = Instant.now();
            publisher.publish(Topics.CATALOG, "tier:small", TierDefined.newBuilder()
                    .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                    .setName("small").setDescription("small tier").setCpu("2").setMemory("4Gi").setStorage("20Gi")
                    .setPods(10).setServices(5).setPersistentVolumeClaims(10).setMonthlyCostCents(10_000)
                    .setDefaultCpuRequest("100m").setDefaultCpuLimit("500m").setDefaultMemoryRequest("128Mi")
                    .setDefaultMemoryLimit("512Mi").build());
            publisher.publish(Topics.CATALOG, "feature:monitoring", FeatureDefined.newBuilder()
                    .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                    .setName("monitoring").setDescription("Prometheus scraping").setLabels(Map.of())
                    .setAnnotations(Map.of()).build());
        }
        for (int i = 0; i < 300 && (replica.tier("small").isEmpty() || replica.feature("monitoring").isEmpty()); i++) {
            Thread.sleep(100);
        }
        ReadModel readModel = gateway.getBean(ReadModel.class);
        if (readModel.findNamespace("bench-read-target").isEmpty()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            NamespaceSpecification spec = new NamespaceSpecification("bench-read-target", "payments", "development",
                    "small", "isolated", List.of("monitoring"), "read under load", "cc-1");
            readModel.saveNamespace(Optional.empty(), Optional.of(new Namespace("bench-read-target", "payments", spec,
                    LifecycleStatus.READY, UUID.randomUUID().toString(), now, now)));
        }
    }

    /** POST load on one endpoint and, at the same time, GET load on one namespace (2 connections). */
    private static Phase phase(String name, Path scripts, String url, String token, String postPath, String prefix,
                               int seconds, int threads, int connections) throws Exception {
        CompletableFuture<Result> get = CompletableFuture.supplyAsync(() -> wrk(scripts.resolve("get.lua"), url, token,
                seconds, 1, 2, List.of("/api/v1/namespaces/bench-read-target")));
        Result post = wrk(scripts.resolve("post.lua"), url, token, seconds, threads, connections, List.of(postPath, prefix));
        Phase phase = new Phase(name, post, get.get());
        System.out.printf(Locale.ROOT, "%-16s POST %8.0f accepted/s  p50 %6.1f ms  p99 %6.1f ms  non-202 %d | GET p95 %5.1f ms%n",
                name, post.acceptedPerSecond(), post.p50() / 1000.0, post.p99() / 1000.0, post.other() + post.errors(),
                phase.get().p95() / 1000.0);
        return phase;
    }

    private static Result wrk(Path script, String url, String token, int seconds, int threads, int connections,
                              List<String> scriptArgs) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-H", "Authorization: Bearer " + token, "-s", script.toString(), url, "--"));
        command.addAll(scriptArgs);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher matcher = RESULT.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException("wrk printed no result:\n" + output);
            }
            output.lines().filter(line -> line.startsWith("SAMPLE ")).findFirst()
                    .ifPresent(line -> System.out.println("  first unexpected answer of " + script.getFileName() + ": "
                            + line.substring("SAMPLE ".length())));
            return new Result(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)),
                    Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(7)), Long.parseLong(matcher.group(8)),
                    Long.parseLong(matcher.group(9)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(List<Phase> phases, String loadBefore, int duration, int threads, int connections)
            throws IOException {
        System.out.println();
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; load average before start: %s%n",
                Runtime.getRuntime().availableProcessors(), osName(), System.getProperty("java.version"), loadBefore);
        System.out.printf(Locale.ROOT, "load: wrk %d threads x %d connections on POST, 1 x 2 on GET, %d s per phase%n%n",
                threads, connections, duration);
        System.out.println("| phase | POST accepted/s | POST p50 ms | POST p99 ms | POST non-202 | GET /namespaces/{name} p95 ms | GET/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Phase phase : phases) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d | %.1f | %.0f |%n", phase.name(),
                    phase.post().acceptedPerSecond(), phase.post().p50() / 1000.0, phase.post().p99() / 1000.0,
                    phase.post().other() + phase.post().errors(), phase.get().p95() / 1000.0,
                    phase.get().requestsPerSecond());
        }
        double secured = phases.stream().filter(p -> p.name().startsWith("secured"))
                .mapToDouble(p -> p.post().acceptedPerSecond()).average().orElse(0);
        double baseline = phases.stream().filter(p -> p.name().startsWith("baseline"))
                .mapToDouble(p -> p.post().acceptedPerSecond()).average().orElse(0);
        System.out.printf(Locale.ROOT, "%nsecured / baseline accepted/s (mean of the rounds): %.0f / %.0f = %.2f%n",
                secured, baseline, baseline == 0 ? 0 : secured / baseline);
        for (int i = 0; i + 1 < phases.size(); i += 2) {
            System.out.printf(Locale.ROOT, "  round %d: %.2f%n", i / 2 + 1,
                    phases.get(i).post().acceptedPerSecond() / phases.get(i + 1).post().acceptedPerSecond());
        }
    }

    /**
     * How long validating a bearer token takes: the platform decoder alone (parse, RS256 signature, issuer, audience,
     * expiry), 2,000 times after the load, and the gateway's timer of cached validations over the run.
     */
    private static void printTokenValidation(ConfigurableApplicationContext gateway, String token) {
        JwtDecoder decoder = gateway.getBean(JwtDecoder.class);
        JwtDecoder full = decoder instanceof CachingJwtDecoder caching ? caching.uncached() : decoder;
        long[] nanos = new long[2_000];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            full.decode(token);
            nanos[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "token validation, full (parse, RS256 signature, issuer, audience, expiry): "
                        + "p50 %.3f ms, p99 %.3f ms over %d decodes%n", nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6, nanos.length);
        Timer hits = gateway.getBean(MeterRegistry.class).find("gateway.jwt.validation").tag("cache", "hit").timer();
        if (hits != null && hits.count() > 0) {
            System.out.printf(Locale.ROOT, "token validation, cached (expiry check) during the load: %d requests, "
                    + "mean %.3f ms%n", hits.count(), hits.mean(TimeUnit.MILLISECONDS));
        }
    }

    /** Waits until the read-model projection has read every request event (consumer group lag 0). */
    private static void awaitProjection(ConfigurableApplicationContext gateway) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> config = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            String topic = Topics.NAMESPACE_REQUESTS.name();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("gateway-service")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                if (lag <= 0) {
                    break;
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                    System.out.println("  projection still " + lag + " events behind after 5 min; going on");
                    break;
                }
                Thread.sleep(500);
            }
        }
        System.out.printf(Locale.ROOT, "  (projection caught up after %.1f s)%n", (System.nanoTime() - started) / 1e9);
    }

    private static String osName() throws IOException {
        Path release = Path.of("/etc/os-release");
        if (Files.exists(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        return System.getProperty("os.name");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
