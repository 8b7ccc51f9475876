package io.platform.e2e.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The end-to-end load harness: N namespace requests at a fixed rate across the dev teams through the gateway,
 * POST → READY latency measured from the moment the request is sent until its {@code NamespaceReady} is seen on
 * Kafka; beside it, in the same run, the raw Kafka produce → consume round trip on the same broker (the floor),
 * the stack's cold start and each part's resident memory.
 */
public final class LoadBenchmark {

    /** Options: rate (requests/s), duration (s), cold start or not, where to write the result. */
    public record Options(double rate, int durationSeconds, boolean coldStart, boolean keepRunning, Path benchmarksFile) {
    }

    private final StackControl stack;
    private final Consumer<String> out;

    public LoadBenchmark(StackControl stack, Consumer<String> out) {
        this.stack = stack;
        this.out = out;
    }

    public String run(Options options) throws Exception {
        Duration coldStart = null;
        if (options.coldStart()) {
            if (stack.isRunning()) {
                out.accept("stopping the running stack for a cold start");
                stack.down();
            }
            out.accept("starting the stack (./platform up --detach)");
            coldStart = stack.up();
            out.accept("all parts ready after " + seconds(coldStart));
        } else if (!stack.isRunning()) {
            throw new IllegalStateException("no stack is running; start one or use --cold-start");
        }
        Map<String, Long> idleRss = stack.residentKib();

        int count = (int) Math.round(options.rate() * options.durationSeconds());
        out.accept("floor: raw Kafka round trip, " + count + " records at " + options.rate() + "/s");
        Percentiles floor = KafkaRoundTrip.measure("localhost:9092", Math.min(count, 3000), options.rate());

        PlatformClient client = new PlatformClient();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        List<Burst.Sent> sent;
        List<Double> readyMs = new ArrayList<>();
        List<Double> answerMs = new ArrayList<>();
        int ready = 0;
        int failed = 0;
        int rejected = 0;
        int stuck = 0;
        long firstSent;
        long lastReady = 0;
        try (LifecycleWatcher watcher = new LifecycleWatcher("localhost:9092", "http://localhost:8081")) {
            out.accept("load: " + count + " requests at " + options.rate() + "/s (" + options.durationSeconds() + " s)");
            sent = new Burst(client, prefix).send(count, options.rate());
            firstSent = sent.isEmpty() ? System.nanoTime() : sent.get(0).sentAtNanos();
            FaultSuite.awaitTerminal(sent, watcher, Duration.ofMinutes(3), Duration.ofMinutes(3));
            for (Burst.Sent request : sent) {
                answerMs.add((request.answeredAtNanos() - request.sentAtNanos()) / 1_000_000.0);
                if (!request.accepted()) {
                    continue;
                }
                LifecycleWatcher.Terminal end = watcher.terminal(request.requestId());
                if (end == null) {
                    stuck++;
                } else if (end.status().equals("READY")) {
                    ready++;
                    readyMs.add((end.seenAtNanos() - request.sentAtNanos()) / 1_000_000.0);
                    lastReady = Math.max(lastReady, end.seenAtNanos());
                } else if (end.status().equals("FAILED")) {
                    failed++;
                } else {
                    rejected++;
                }
            }
        }
        Map<String, Long> loadedRss = stack.residentKib();
        long accepted = sent.stream().filter(Burst.Sent::accepted).count();
        Percentiles latency = new Percentiles(readyMs);
        Percentiles answers = new Percentiles(answerMs);
        double throughput = ready == 0 ? 0 : ready / ((lastReady - firstSent) / 1e9);

        StringBuilder table = new StringBuilder();
        table.append("Command: `./mvnw -q -DskipTests package && java -jar e2e-tests/target/platform-bench.jar load --rate ")
                .append(fmt(options.rate())).append(" --duration ").append(options.durationSeconds()).append("`, ")
                .append(LocalDate.now()).append(", 2 cores, the whole local stack on the same machine as the load generator.\n\n");
        table.append("| Measure | Result | Goal |\n|---|---|---|\n");
        java.util.Map<Integer, Long> refusedByStatus = new java.util.TreeMap<>();
        sent.stream().filter(s -> !s.accepted()).forEach(s -> refusedByStatus.merge(s.status(), 1L, Long::sum));
        table.append("| requests sent / accepted (202) | ").append(sent.size()).append(" / ").append(accepted)
                .append(refusedByStatus.isEmpty() ? "" : " (refused by status: " + refusedByStatus + ")").append(" | all |\n");
        table.append("| READY / FAILED / REJECTED / not terminal after 3 min | ").append(ready).append(" / ").append(failed)
                .append(" / ").append(rejected).append(" / ").append(stuck).append(" | all READY |\n");
        table.append("| POST → READY p50 / p95 / p99 / max (ms) | ").append(fmt(latency.at(50))).append(" / ")
                .append(fmt(latency.at(95))).append(" / ").append(fmt(latency.at(99))).append(" / ").append(fmt(latency.max()))
                .append(" | p99 ≤ 500 |\n");
        table.append("| READY throughput (namespaces/s) | ").append(fmt(throughput)).append(" | ").append(fmt(options.rate())).append(" |\n");
        table.append("| POST answer (202) p50 / p99 (ms) | ").append(fmt(answers.at(50))).append(" / ").append(fmt(answers.at(99))).append(" | |\n");
        table.append("| floor: Kafka produce → consume p50 / p99 (ms), same broker, same rate | ").append(fmt(floor.at(50)))
                .append(" / ").append(fmt(floor.at(99))).append(" | |\n");
        table.append("| POST → READY p99 ÷ floor p99 | ").append(fmt(latency.at(99) / floor.at(99))).append("× | |\n");
        table.append("| cold start, `./platform up` to all ready (s) | ")
                .append(coldStart == null ? "not measured" : fmt(coldStart.toMillis() / 1000.0)).append(" | ≤ 60 |\n");
        long idleTotal = idleRss.values().stream().mapToLong(Long::longValue).sum();
        long loadedTotal = loadedRss.values().stream().mapToLong(Long::longValue).sum();
        table.append("| total memory (PSS) idle / after the load (MiB) | ").append(idleTotal / 1024).append(" / ")
                .append(loadedTotal / 1024).append(" | ≤ 3072 |\n\n");
        table.append("Memory per part after the load (MiB, proportional set size: shared pages split among their processes; child processes included):\n\n| Part | PSS |\n|---|---|\n");
        loadedRss.forEach((name, kib) -> table.append("| ").append(name).append(" | ").append(kib / 1024).append(" |\n"));

        if (options.benchmarksFile() != null) {
            BenchmarksFile.replaceSection(options.benchmarksFile(), "End to end: POST to READY", table.toString());
        }
        if (options.coldStart() && !options.keepRunning()) {
            stack.down();
        }
        return table.toString();
    }

    private static String seconds(Duration duration) {
        return fmt(duration.toMillis() / 1000.0) + " s";
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}
