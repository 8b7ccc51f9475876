package io.platform.e2e.harness;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What must hold after any fault, checked from the outside: every accepted request ended, nothing exists twice in
 * Kubernetes, audit holds every event exactly once and its chains verify, analytics agrees with a recomputation from
 * audit, every consumer caught up, and nothing refused was answered 202.
 */
public final class Invariants {

    /** One check's outcome. */
    public record Check(String name, boolean passed, String detail) {
    }

    /** How long a projection may take to catch up after the fault before its check fails. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final String DUPLICATES = " stored more than once";

    private final PlatformClient client;
    private final Path kubeconfig;

    public Invariants(PlatformClient client, Path kubeconfig) {
        this.client = client;
        this.kubeconfig = kubeconfig;
    }

    public List<Check> verify(List<Burst.Sent> sent, LifecycleWatcher watcher, boolean gatewayWasDown) throws Exception {
        List<Check> checks = new ArrayList<>();
        List<Burst.Sent> accepted = sent.stream().filter(Burst.Sent::accepted).toList();

        List<String> notTerminal = accepted.stream().filter(s -> watcher.terminal(s.requestId()) == null)
                .map(Burst.Sent::name).toList();
        checks.add(new Check("every accepted request reached a terminal state", notTerminal.isEmpty(),
                accepted.size() + " accepted, " + notTerminal.size() + " not terminal" + sample(notTerminal)));

        Map<Integer, Integer> refused = new TreeMap<>();
        sent.stream().filter(s -> !s.accepted()).forEach(s -> refused.merge(s.status(), 1, Integer::sum));
        boolean refusalsOk = refused.keySet().stream().allMatch(status -> status == 503 || (status == 0 && gatewayWasDown));
        checks.add(new Check("requests not accepted were answered 503 (or found the gateway down)", refusalsOk,
                "refused by status: " + refused));

        checks.add(kubernetesObjectsOnce(accepted, watcher));
        // a projection restarted by the fault may still be reading its backlog: a missing row or a cost that does
        // not match yet is checked again until it does or the time is up; a row stored twice never heals and fails
        checks.add(eventually(() -> auditExactlyOnce(accepted, watcher), CATCH_UP));
        checks.add(auditChainsVerify());
        checks.add(eventually(() -> analyticsMatchesAudit(accepted, watcher), CATCH_UP));
        checks.add(consumerLagIsZero());
        return checks;
    }

    /** Runs {@code check} until it passes, finds something stored twice (which never heals), or the time is up. */
    private static Check eventually(Supplier<Check> check, Duration timeout) {
        AtomicReference<Check> last = new AtomicReference<>();
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Check result = check.get();
                last.set(result);
                return result.passed() || hasDuplicates(result);
            });
        } catch (ConditionTimeoutException timedOut) {
            // the last result says what is still wrong
        }
        return last.get();
    }

    private static boolean hasDuplicates(Check check) {
        int at = check.detail().indexOf(DUPLICATES);
        return at > 0 && !check.detail().substring(0, at).endsWith(" 0");
    }

    private Check kubernetesObjectsOnce(List<Burst.Sent> accepted, LifecycleWatcher watcher) throws IOException {
        List<String> duplicated = new ArrayList<>();
        int checked = 0;
        try (KubernetesClient kubernetes = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            // one list per kind across all namespaces, counted per namespace (a list per namespace and kind is
            // thousands of calls after a big burst)
            // the READY set is taken before the objects are listed: a request that turns READY in between would
            // otherwise be counted against a list taken before its objects existed
            List<Burst.Sent> ready = accepted.stream().filter(request -> {
                LifecycleWatcher.Terminal end = watcher.terminal(request.requestId());
                return end != null && end.status().equals("READY");
            }).toList();
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            count(counts, "ResourceQuota", kubernetes.resourceQuotas().inAnyNamespace().list().getItems());
            count(counts, "LimitRange", kubernetes.limitRanges().inAnyNamespace().list().getItems());
            count(counts, "NetworkPolicy", kubernetes.network().networkPolicies().inAnyNamespace().list().getItems());
            count(counts, "RoleBinding", kubernetes.rbac().roleBindings().inAnyNamespace().list().getItems());
            for (Burst.Sent request : ready) {
                checked++;
                Map<String, Integer> inNamespace = counts.getOrDefault(request.name(), Map.of());
                for (String kind : List.of("ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding")) {
                    int count = inNamespace.getOrDefault(kind, 0);
                    if (count != 1) {
                        duplicated.add(request.name() + ": " + count + " " + kind);
                    }
                }
            }
        }
        return new Check("each READY namespace has exactly one quota, limit range, network policy and team binding",
                duplicated.isEmpty(), checked + " namespaces checked" + sample(duplicated));
    }

    private static void count(Map<String, Map<String, Integer>> counts, String kind,
            List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        for (var object : objects) {
            counts.computeIfAbsent(object.getMetadata().getNamespace(), ns -> new HashMap<>()).merge(kind, 1, Integer::sum);
        }
    }

    private Check auditExactlyOnce(List<Burst.Sent> accepted, LifecycleWatcher watcher) {
        List<String> problems = new ArrayList<>();
        int missing = 0;
        int duplicated = 0;
        for (Burst.Sent request : accepted) {
            Set<String> expected = watcher.eventIds(request.requestId());
            PlatformClient.Answer answer = client.get("/api/v1/audit/events?requestId=" + request.requestId() + "&limit=1000", "analyst");
            if (answer.status() != 200) {
                problems.add(request.name() + ": audit answered " + answer.status());
                missing++;
                continue;
            }
            Map<String, Integer> stored = new HashMap<>();
            for (JsonNode item : answer.body().path("items")) {
                stored.merge(item.path("eventId").asText(), 1, Integer::sum);
            }
            for (String eventId : expected) {
                if (!stored.containsKey(eventId)) {
                    problems.add(request.name() + ": event " + eventId + " not stored");
                    missing++;
                }
            }
            for (Map.Entry<String, Integer> entry : stored.entrySet()) {
                if (entry.getValue() > 1) {
                    problems.add(request.name() + ": event " + entry.getKey() + " stored " + entry.getValue() + " times");
                    duplicated++;
                }
            }
        }
        return new Check("audit holds every lifecycle event of every accepted request exactly once", problems.isEmpty(),
                accepted.size() + " requests checked, " + missing + " events missing, " + duplicated
                        + DUPLICATES + sample(problems));
    }

    /**
     * Recomputes the burst's cost from audit alone (each READY namespace's NamespaceReady time, the micro tier's
     * price) and compares it with what analytics reports for the same namespaces. Both use "now" as the end of the
     * window; the tolerance covers the seconds between the two queries.
     */
    private Check analyticsMatchesAudit(List<Burst.Sent> accepted, LifecycleWatcher watcher) {
        java.time.Instant now = java.time.Instant.now();
        java.time.YearMonth month = java.time.YearMonth.from(now.atZone(java.time.ZoneOffset.UTC));
        double minutesInMonth = month.lengthOfMonth() * 24 * 60.0;
        java.time.Instant monthStart = month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        double microTierMonthly = 50.0;
        double recomputed = 0;
        Set<String> names = new java.util.HashSet<>();
        for (Burst.Sent request : accepted) {
            LifecycleWatcher.Terminal end = watcher.terminal(request.requestId());
            if (end == null || !end.status().equals("READY")) {
                continue;
            }
            PlatformClient.Answer trail = client.get("/api/v1/audit/events?requestId=" + request.requestId()
                    + "&type=NamespaceReady&limit=10", "analyst");
            for (JsonNode item : trail.body().path("items")) {
                java.time.Instant readyAt = java.time.Instant.parse(item.path("occurredAt").asText());
                java.time.Instant from = readyAt.isBefore(monthStart) ? monthStart : readyAt;
                recomputed += microTierMonthly * Duration.between(from, now).toMillis() / 60_000.0 / minutesInMonth;
                names.add(request.name());
            }
        }
        PlatformClient.Answer costs = client.get("/api/v1/analytics/costs?aggregate=namespace&window=month", "analyst");
        double reported = 0;
        for (JsonNode item : costs.body().path("items")) {
            if (names.contains(item.path("key").asText())) {
                reported += item.path("cost").asDouble();
            }
        }
        double tolerance = 0.0005 * Math.max(1, names.size()) + 0.01 * recomputed;
        boolean ok = costs.status() == 200 && Math.abs(reported - recomputed) <= tolerance;
        return new Check("analytics cost of the burst matches a recomputation from audit", ok,
                String.format("%d namespaces: analytics %.4f USD, recomputed %.4f USD", names.size(), reported, recomputed));
    }

    private Check auditChainsVerify() {
        PlatformClient.Answer answer = client.get("/api/v1/audit/verify", "analyst");
        boolean ok = answer.status() == 200 && answer.body().path("intact").asBoolean(false);
        return new Check("audit hash chains verify", ok, answer.status() + " " + answer.body());
    }

    private Check consumerLagIsZero() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        AtomicReference<Map<String, Long>> lag = new AtomicReference<>(Map.of());
        try (Admin admin = Admin.create(config)) {
            await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        lag.set(lagByGroup(admin));
                        return lag.get().isEmpty();
                    });
        } catch (ConditionTimeoutException timedOut) {
            // reported below
        }
        return new Check("every consumer group caught up (lag 0)", lag.get().isEmpty(),
                lag.get().isEmpty() ? "lag 0" : "lag " + lag.get());
    }

    private static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            // catalog replicas are throwaway groups; a redrive group reads dead letters only when an admin asks for
            // a redrive, so unread dead letters there are not lag
            if (group.groupId().contains("catalog-replica") || group.groupId().endsWith("-redrive")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.get(entry.getKey()).offset() > entry.getValue().offset()) {
                    behind.put(entry.getKey(), entry.getValue().offset());
                }
            }
            long total = unreadRecords(behind, ends);
            if (total > 0) {
                lag.put(group.groupId(), total);
            }
        }
        return lag;
    }

    /**
     * Offsets alone overstate lag on transactional topics: a consumer commits "last record + 1", while the end
     * offset also counts the transaction's commit marker, which is not a record. So between the committed offset
     * and the end, read with read_committed and count what a consumer would really still receive.
     */
    private static long unreadRecords(Map<TopicPartition, Long> from,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends) {
        if (from.isEmpty()) {
            return 0;
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long unread = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && from.keySet().stream()
                    .anyMatch(partition -> consumer.position(partition) < ends.get(partition).offset())) {
                unread += consumer.poll(Duration.ofMillis(200)).count();
            }
            return unread;
        }
    }

    private static String sample(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        return "; e.g. " + String.join("; ", problems.subList(0, Math.min(5, problems.size())));
    }
}
