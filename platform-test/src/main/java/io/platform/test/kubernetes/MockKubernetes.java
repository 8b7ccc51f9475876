package io.platform.test.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode behind a {@link FaultInjectingDispatcher}, for the services' tests of their
 * Kubernetes adapters. It stores objects like an API server (create, get, list, update, JSON and merge patch, delete,
 * watch, 409 on duplicates and stale resource versions) but, unlike a real one, has no server-side apply, strategic
 * merge patch, validation (roleRef immutability included), admission, RBAC escalation checks, built-in ClusterRoles,
 * quota status or namespace cascade deletion. Faults make it answer like a sick or strict real API server.
 */
public final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final FaultInjectingDispatcher faults;
    private final KubernetesClient client;

    private MockKubernetes(KubernetesMockServer server, FaultInjectingDispatcher faults) {
        this.server = server;
        this.faults = faults;
        this.client = client(Duration.ofSeconds(10));
    }

    public static MockKubernetes start() {
        FaultInjectingDispatcher dispatcher = new FaultInjectingDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init();
        return new MockKubernetes(server, dispatcher);
    }

    /** A client as the service configures it: no retries of its own, the given request timeout. */
    public KubernetesClient client(Duration requestTimeout) {
        Config config = new ConfigBuilder(server.createClient().getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public KubernetesClient client() {
        return client;
    }

    public FaultInjectingDispatcher faults() {
        return faults;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
