package io.platform.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One fault at a time during a burst of namespace requests, then the {@link Invariants}. Faults: SIGKILL of each
 * service then a restart; the broker stopped 20 s; the schema registry stopped 20 s; PostgreSQL stopped 20 s; the
 * Kubernetes API answering 503 or hanging for 20 s.
 */
public final class FaultSuite {

    /** Options: burst size and rate, an optional comma-separated subset of scenario names, where to write results. */
    public record Options(int requests, double rate, String only, Path reliabilityFile) {
    }

    /** A fault: what to do once the burst is under way. */
    public interface Fault {
        void inject(StackControl stack) throws Exception;
    }

    /** A scenario's outcome. */
    public record Result(String scenario, List<Invariants.Check> checks, long accepted, long refused) {
        public boolean passed() {
            return checks.stream().allMatch(Invariants.Check::passed);
        }
    }

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** No request of the burst reaching a terminal state for this long means the rest are stuck. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final StackControl stack;
    private final PlatformClient client;
    private final Consumer<String> out;

    public FaultSuite(StackControl stack, PlatformClient client, Consumer<String> out) {
        this.stack = stack;
        this.client = client;
        this.out = out;
    }

    /** Every scenario of the full suite, by name. */
    public static Map<String, Fault> scenarios() {
        Map<String, Fault> scenarios = new LinkedHashMap<>();
        for (String service : StackControl.SERVICES) {
            scenarios.put("kill-" + service, stack -> {
                stack.kill(service);
                stack.start(service);
            });
        }
        scenarios.put("broker-stopped-20s", stack -> outage(stack, "kafka"));
        scenarios.put("registry-stopped-20s", stack -> outage(stack, "schema-registry"));
        scenarios.put("postgres-stopped-20s", stack -> outage(stack, "postgres"));
        scenarios.put("kubernetes-5xx-20s", stack -> kubernetesFault("error&status=503"));
        scenarios.put("kubernetes-hang-20s", stack -> kubernetesFault("hang"));
        return scenarios;
    }

    private static void outage(StackControl stack, String component) throws InterruptedException {
        stack.stop(component);
        Thread.sleep(OUTAGE.toMillis());
        stack.start(component);
    }

    private static void kubernetesFault(String mode) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:6443/__faults?mode=" + mode + "&seconds=" + OUTAGE.toSeconds()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("fault injection refused: " + answer.body());
        }
        Thread.sleep(OUTAGE.toMillis());
    }

    public boolean run(Options options) throws Exception {
        Map<String, Fault> selected = new LinkedHashMap<>(scenarios());
        if (options.only() != null) {
            List<String> only = Arrays.asList(options.only().split(","));
            selected.keySet().retainAll(only);
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Fault> scenario : selected.entrySet()) {
            results.add(runScenario(scenario.getKey(), scenario.getValue(), options.requests(), options.rate()));
        }
        String report = report(results, options);
        out.accept(report);
        if (options.reliabilityFile() != null) {
            BenchmarksFile.replaceSection(options.reliabilityFile(), "Fault suite: latest run", report);
        }
        return results.stream().allMatch(Result::passed);
    }

    public Result runScenario(String name, Fault fault, int requests, double rate) throws Exception {
        out.accept("== " + name + ": " + requests + " requests at " + rate + "/s, fault after 5 s");
        String prefix = "f" + UUID.randomUUID().toString().substring(0, 6);
        try (LifecycleWatcher watcher = new LifecycleWatcher("localhost:9092", "http://localhost:8081")) {
            CompletableFuture<List<Burst.Sent>> burst = CompletableFuture.supplyAsync(
                    () -> new Burst(client, prefix).send(requests, rate));
            Thread.sleep(5000);
            fault.inject(stack);
            List<Burst.Sent> sent = burst.join();
            awaitTerminal(sent, watcher, STALL, Duration.ofMinutes(15));
            List<Invariants.Check> checks = new Invariants(client, stack.kubeconfig())
                    .verify(sent, watcher, name.equals("kill-gateway-service"));
            checks.forEach(check -> out.accept((check.passed() ? "  PASS " : "  FAIL ") + check.name() + " — " + check.detail()));
            long accepted = sent.stream().filter(Burst.Sent::accepted).count();
            return new Result(name, checks, accepted, sent.size() - accepted);
        }
    }

    /**
     * Waits until every accepted request reached a terminal state, or until none has for {@code stall} (requests that
     * make no progress for that long are stuck; a backlog that is still moving is not), at most {@code limit}. The
     * checks report which requests are not terminal.
     */
    static void awaitTerminal(List<Burst.Sent> sent, LifecycleWatcher watcher, Duration stall, Duration limit) {
        List<Burst.Sent> accepted = sent.stream().filter(Burst.Sent::accepted).toList();
        AtomicLong lastCount = new AtomicLong(-1);
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        try {
            await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
                long terminal = accepted.stream().filter(s -> watcher.terminal(s.requestId()) != null).count();
                if (terminal != lastCount.getAndSet(terminal)) {
                    lastProgress.set(System.nanoTime());
                }
                return terminal == accepted.size() || System.nanoTime() - lastProgress.get() > stall.toNanos();
            });
        } catch (ConditionTimeoutException timedOut) {
            // reported by the invariants
        }
    }

    private static String report(List<Result> results, Options options) {
        StringBuilder text = new StringBuilder();
        text.append("Command: `./mvnw -q -DskipTests package && ./platform up --detach && java -jar e2e-tests/target/platform-bench.jar faults --requests ")
                .append(options.requests()).append(" --rate ").append(LoadBenchmark.fmt(options.rate()))
                .append("`, ").append(LocalDate.now()).append(".\n\n");
        text.append("| Fault | Accepted / refused | Result | Failed checks |\n|---|---|---|---|\n");
        for (Result result : results) {
            List<String> failed = result.checks().stream().filter(check -> !check.passed())
                    .map(check -> check.name() + " (" + check.detail() + ")").toList();
            text.append("| ").append(result.scenario()).append(" | ").append(result.accepted()).append(" / ")
                    .append(result.refused()).append(" | ").append(result.passed() ? "pass" : "FAIL").append(" | ")
                    .append(failed.isEmpty() ? "–" : String.join("; ", failed).replace("|", "/")).append(" |\n");
        }
        return text.toString();
    }
}
