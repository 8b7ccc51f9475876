package io.platform.e2e.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends namespace requests at a fixed rate, round-robin over the dev teams, and records every answer. */
public final class Burst {

    public static final List<String> TEAMS = List.of("payments", "search", "data");

    /** One request and its answer. */
    public record Sent(int index, String name, String team, long sentAtNanos, long answeredAtNanos, int status,
                       String requestId, String error) {
        public boolean accepted() {
            return status == 202 && requestId != null;
        }
    }

    private final PlatformClient client;
    private final String prefix;

    public Burst(PlatformClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** Sends {@code count} requests at {@code perSecond}, then waits for every answer. */
    public List<Sent> send(int count, double perSecond) {
        TEAMS.forEach(team -> client.token("team-" + team));
        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodNanos = (long) (1_000_000_000L / perSecond);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        scheduler.scheduleAtFixedRate(() -> {
            int index = next.getAndIncrement();
            if (index >= count) {
                done.countDown();
                return;
            }
            String team = TEAMS.get(index % TEAMS.size());
            String name = prefix + "-" + index;
            long start = System.nanoTime();
            pending.add(client.postAsync("/api/v1/namespaces", "team-" + team, body(name, team))
                    .handle((answer, failure) -> {
                        long end = System.nanoTime();
                        if (failure != null) {
                            sent.add(new Sent(index, name, team, start, end, 0, null, failure.toString()));
                        } else {
                            String requestId = answer.body().path("requestId").asText(null);
                            sent.add(new Sent(index, name, team, start, end, answer.status(), requestId,
                                    answer.status() == 202 ? null : answer.body().toString()));
                        }
                        return null;
                    }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        try {
            done.await();
            scheduler.shutdownNow();
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Sent> ordered = new ArrayList<>(sent);
        ordered.sort(java.util.Comparator.comparingInt(Sent::index));
        return ordered;
    }

    static Map<String, Object> body(String name, String team) {
        return Map.of("name", name, "team", team, "environment", "development", "tier", "micro",
                "networkPolicy", "isolated", "features", List.of());
    }
}
