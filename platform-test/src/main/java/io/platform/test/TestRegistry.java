package io.platform.test;

import io.platform.schemas.registry.SchemaRegistrar;
import java.time.Duration;
import java.util.List;

/**
 * The real Apicurio Registry (the local stack's build), started once per test JVM on a free port with in-memory
 * storage, with every schema of the topic catalog registered by the same step the local stack runs.
 */
public final class TestRegistry {

    private static String url;

    private TestRegistry() {
    }

    /** Root URL (scheme://host:port). */
    public static synchronized String url() {
        if (url == null) {
            int port = ChildProcess.freePort();
            String root = "http://localhost:" + port;
            ChildProcess.start("schema-registry",
                            ProjectLayout.jar("local-stack/schema-registry", "*-runner.jar"),
                            List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"), List.of())
                    .awaitHttpOk(root + "/apis/ccompat/v7/subjects", Duration.ofSeconds(90));
            new SchemaRegistrar(root).registerAll();
            url = root;
        }
        return url;
    }
}
