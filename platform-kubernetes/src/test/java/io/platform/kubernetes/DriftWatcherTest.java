package io.platform.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.platform.test.kubernetes.MockKubernetes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriftWatcherTest {

    private final MockKubernetes kubernetes = MockKubernetes.start();
    private RecordingWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.stop();
        }
        kubernetes.close();
    }

    @Test
    void runsAFullPassAsSoonAsItLeads() {
        // Given
        watcher = new RecordingWatcher(kubernetes.client(), 0, 3);

        // When
        watcher.start();

        // Then
        await().atMost(Duration.ofSeconds(15)).until(watcher::isLeading);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.fullPasses.get() >= 1);
    }

    @Test
    void checksAChangedObjectsKeyAgainUntilItCanBeChecked() {
        // Given a watcher whose checks find the key busy twice
        watcher = new RecordingWatcher(kubernetes.client(), 2, 5);
        watcher.start();
        await().atMost(Duration.ofSeconds(15)).until(watcher::isLeading);

        // When a managed object changes
        create("team-a", "quota");

        // Then its key is checked until the check succeeds, and no more
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.checks("team-a") == 3);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> watcher.checks("team-a") == 3);
    }

    @Test
    void leavesAKeyToTheFullPassAfterTheLastRetry() {
        // Given a watcher whose checks always find the key busy, retried at most twice
        watcher = new RecordingWatcher(kubernetes.client(), Integer.MAX_VALUE, 2);
        watcher.start();
        await().atMost(Duration.ofSeconds(15)).until(watcher::isLeading);

        // When
        create("team-b", "limits");

        // Then the first check plus two retries, then it gives up
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.checks("team-b") == 3);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> watcher.checks("team-b") == 3);
    }

    private void create(String namespace, String name) {
        kubernetes.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).addToLabels("platform.io/managed", "true")
                .endMetadata().build()).create();
    }

    /** Watches managed ConfigMaps, keyed by namespace; a key is busy for its first {@code busyChecks} checks. */
    private static final class RecordingWatcher extends DriftWatcher<String> {

        private final int busyChecks;
        private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        private final AtomicInteger fullPasses = new AtomicInteger();

        RecordingWatcher(KubernetesClient client, int busyChecks, int maxRetries) {
            super(client, new Settings(true, Duration.ofMinutes(5), Duration.ofMillis(50), "platform-system",
                    "test-drift", Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(200),
                    Duration.ofMillis(100), maxRetries), "test drift repair");
            this.busyChecks = busyChecks;
        }

        int checks(String key) {
            return checks.getOrDefault(key, new AtomicInteger()).get();
        }

        @Override
        protected List<SharedIndexInformer<?>> inform(KubernetesClient client, ResourceEventHandler<HasMetadata> handler) {
            return List.of(client.configMaps().inAnyNamespace().withLabel("platform.io/managed", "true").inform(cast(handler)));
        }

        @Override
        protected Optional<String> keyOf(HasMetadata object) {
            return Optional.ofNullable(object.getMetadata().getNamespace());
        }

        @Override
        protected boolean check(String key) {
            return checks.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > busyChecks;
        }

        @Override
        protected void fullPass() {
            fullPasses.incrementAndGet();
        }
    }
}
