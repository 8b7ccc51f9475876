package io.platform.gateway.it;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.platform.common.catalog.CatalogReplica;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.ChildProcess;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as it runs, against the real broker, registry, PostgreSQL and issuer; the services behind it are a
 * stub HTTP server that records what reached it. Every IT class shares this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayItSupport {

    /** Requests a stub service received: which service, method, path and query, Authorization header. */
    record Relayed(String service, String method, String pathAndQuery, String authorization, String correlationId) {
    }

    static final BlockingQueue<Relayed> RELAYED = new LinkedBlockingQueue<>();
    /** Stub catalog, provisioning, rbac and analytics services (audit-service is down). */
    private static final Map<String, HttpServer> SERVICES = Map.of(
            "catalog", stubService("catalog"), "provisioning", stubService("provisioning"),
            "rbac", stubService("rbac"), "analytics", stubService("analytics"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile boolean catalogPublished;

    @LocalServerPort
    int port;

    @Autowired
    CatalogReplica catalog;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "gateway");
        PlatformInfrastructure.issuer(registry);
        SERVICES.forEach((service, server) -> registry.add("platform.gateway.routes." + service,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
        // a port nothing listens on: audit-service is down
        registry.add("platform.gateway.routes.audit", () -> "http://127.0.0.1:" + ChildProcess.freePort());
    }

    /** A service that records what reached it and answers 200 with {"service": ..., "path": ...}. */
    private static HttpServer stubService(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                RELAYED.add(new Relayed(service, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Correlation-Id")));
                byte[] body = ("{\"service\":\"" + service + "\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-stub-" + service));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog as catalog-service publishes it, once per test JVM; then waits until the replica holds it. */
    @BeforeEach
    void catalogIsPublished() {
        if (!catalogPublished) {
            Instant now = Instant.now();
            for (String[] tier : new String[][] {{"small", "2", "4Gi", "20Gi"}, {"medium", "4", "8Gi", "50Gi"}}) {
                EventProbe.publish(Topics.CATALOG, "tier:" + tier[0], TierDefined.newBuilder()
                        .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                        .setName(tier[0]).setDescription(tier[0] + " tier").setCpu(tier[1]).setMemory(tier[2])
                        .setStorage(tier[3]).setPods(10).setServices(5).setPersistentVolumeClaims(10)
                        .setMonthlyCostCents(10_000).setDefaultCpuRequest("100m").setDefaultCpuLimit("500m")
                        .setDefaultMemoryRequest("128Mi").setDefaultMemoryLimit("512Mi").build());
            }
            EventProbe.publish(Topics.CATALOG, "feature:monitoring", FeatureDefined.newBuilder()
                    .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", now))
                    .setName("monitoring").setDescription("Prometheus scraping")
                    .setLabels(Map.of("platform.io/monitoring", "enabled")).setAnnotations(Map.of()).build());
            catalogPublished = true;
        }
        await("catalog replica loaded").atMost(Duration.ofSeconds(30))
                .until(() -> catalog.tier("medium").isPresent() && catalog.feature("monitoring").isPresent());
    }

    /** An HTTP answer: status, headers, body as JSON (null when empty). */
    record Answer(int status, java.net.http.HttpHeaders headers, JsonNode body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer call(String method, String path, String client, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (client != null) {
            request.header("Authorization", "Bearer " + TestIssuer.token(client));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String name, String team, String tier) {
        return """
                {"name": "%s", "team": "%s", "environment": "development", "tier": "%s", "networkPolicy": "isolated",
                 "features": ["monitoring"], "description": "created by a test", "costCenter": "cc-1"}
                """.formatted(name, team, tier);
    }
}
