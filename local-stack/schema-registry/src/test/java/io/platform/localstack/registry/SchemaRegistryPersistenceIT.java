package io.platform.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged registry the way the local stack does (H2 file storage, port from a system
 * property, no credentials) and checks that registered schema ids survive a restart.
 */
class SchemaRegistryPersistenceIT {

    private static final String SCHEMA_REQUEST = """
            {"schema": "{\\"type\\":\\"record\\",\\"name\\":\\"Probe\\",\\"namespace\\":\\"io.platform.test\\",\\"fields\\":[{\\"name\\":\\"id\\",\\"type\\":\\"string\\"}]}"}
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    private Process registry;

    @AfterEach
    void stopRegistry() throws InterruptedException {
        stop();
    }

    @Test
    void schemaIdsSurviveARestartAndNoCredentialsAreNeeded() throws Exception {
        int port = freePort();
        start(port);

        assertThat(get(port, "/apis/registry/v2/system/info").statusCode()).isEqualTo(200);
        assertThat(get(port, "/apis/ccompat/v7/subjects").body()).isEqualTo("[]");

        HttpResponse<String> registered = post(port, "/apis/ccompat/v7/subjects/probe.Value/versions", SCHEMA_REQUEST);
        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("\\D", "");
        assertThat(id).isNotEmpty();

        stop();
        start(port);

        assertThat(get(port, "/apis/ccompat/v7/subjects").body()).contains("probe.Value");
        HttpResponse<String> again = post(port, "/apis/ccompat/v7/subjects/probe.Value", SCHEMA_REQUEST);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"id\":" + id);
        assertThat(get(port, "/apis/ccompat/v7/schemas/ids/" + id).body()).contains("Probe");
    }

    private void start(int port) throws IOException {
        Path jar = Paths.get(System.getProperty("schema-registry.runner-jar", "target/schema-registry-runner.jar"));
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", jar.toString()));
        builder.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.resolve("registry"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()));
        registry = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    assertThat(registry.isAlive()).as("registry process alive, see %s", dataDir.resolve("registry.log")).isTrue();
                    return get(port, "/apis/ccompat/v7/subjects").statusCode() == 200;
                });
    }

    private void stop() throws InterruptedException {
        if (registry != null && registry.isAlive()) {
            registry.destroy();
            if (!registry.waitFor(20, TimeUnit.SECONDS)) {
                registry.destroyForcibly().waitFor();
            }
        }
        registry = null;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
