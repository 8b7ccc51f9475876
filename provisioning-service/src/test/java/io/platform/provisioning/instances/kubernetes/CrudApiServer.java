package io.platform.provisioning.instances.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode: it stores objects like an API server (create, get, list, update, patch,
 * delete, 409 on duplicates) but runs no controllers (a Deployment gets no pods, a StatefulSet no volume claims), no
 * admission (quota, Pod Security) and no garbage collection.
 */
public final class CrudApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private CrudApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static CrudApiServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return new CrudApiServer(server);
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
