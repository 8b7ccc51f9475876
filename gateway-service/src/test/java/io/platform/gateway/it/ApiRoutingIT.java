package io.platform.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.namespace.NamespaceRequested;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the single public entry: the other services' APIs behind it with the caller's token relayed, the
 * request size limit, the API documents, metrics and the trace context carried into Kafka.
 */
class ApiRoutingIT extends GatewayItSupport {

    @Test
    void relaysEachApiToItsServiceWithTheCallersTokenAndCorrelationId() throws Exception {
        String[][] routes = {
                {"GET", "/api/v1/catalog/tiers?include=features", "catalog"},
                {"GET", "/api/v1/namespaces/payments-api/services", "catalog"},
                {"DELETE", "/api/v1/namespaces/payments-api/services/db-1", "catalog"},
                {"GET", "/api/v1/rbac/roles", "rbac"},
                {"GET", "/api/v1/analytics/costs?aggregate=team", "analytics"},
                {"POST", "/api/v1/requests/r-1/retry", "provisioning"},
                {"GET", "/api/v1/admin/drift", "provisioning"}};
        for (String[] route : routes) {
            RELAYED.clear();

            Answer answer = call(route[0], route[1], "team-payments", route[0].equals("POST") ? "{}" : null,
                    "X-Correlation-Id", "route-check-1");

            assertThat(answer.status()).as(route[1]).isEqualTo(200);
            assertThat(answer.body().path("service").asString()).as(route[1]).isEqualTo(route[2]);
            Relayed relayed = RELAYED.poll(5, TimeUnit.SECONDS);
            assertThat(relayed).as(route[1]).isEqualTo(new Relayed(route[2], route[0], route[1],
                    "Bearer " + TestIssuer.token("team-payments"), "route-check-1"));
        }
    }

    @Test
    void refusesAnonymousCallsBeforeRelayingThem() {
        RELAYED.clear();

        Answer answer = call("GET", "/api/v1/catalog/tiers", null, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("type").asString()).isEqualTo("https://platform.io/problems/unauthorized");
        assertThat(RELAYED).isEmpty();
    }

    @Test
    void answersAServiceThatIsDownAsProblemJson() {
        Answer answer = call("GET", "/api/v1/audit/events?namespace=payments-api", "analyst", null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body().path("correlationId").asString()).isNotBlank();
    }

    @Test
    void answersAnUnknownApiWith404ProblemJson() {
        Answer answer = call("GET", "/api/v1/billing/invoices", "team-payments", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void refusesABodyOver64KibAlsoWhenItIsSentChunked() throws Exception {
        RELAYED.clear();
        byte[] huge = ("{\"description\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"/api/v1/namespaces", "/api/v1/catalog/tiers"}) {
            for (boolean chunked : new boolean[] {false, true}) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + TestIssuer.token("team-payments"))
                        .header("Content-Type", "application/json")
                        .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))
                                : HttpRequest.BodyPublishers.ofByteArray(huge))
                        .build();

                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(path + (chunked ? " chunked" : "")).isEqualTo(413);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(response.body()).contains("https://platform.io/problems/payload-too-large", "correlationId");
            }
        }
        assertThat(RELAYED).isEmpty();
    }

    @Test
    void publishesTheApiDescriptionAndSwaggerUiWithoutAToken() throws Exception {
        Answer docs = call("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/namespaces")).isTrue();
        assertThat(docs.body().path("paths").path("/api/v1/namespaces/{name}").has("patch")).isTrue();
        assertThat(docs.body().path("paths").path("/api/v1/namespaces/{name}").has("delete")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/requests/{requestId}")).isTrue();

        Answer catalogDocs = call("GET", "/api-docs/catalog", null, null);
        assertThat(catalogDocs.status()).isEqualTo(200);
        assertThat(catalogDocs.body().path("path").asString()).isEqualTo("/v3/api-docs");

        HttpResponse<String> ui = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/swagger-ui/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        Answer uiConfig = call("GET", "/v3/api-docs/swagger-config", null, null);
        assertThat(uiConfig.body().path("urls").valueStream().map(url -> url.path("name").asString()).toList())
                .containsExactlyInAnyOrder("gateway", "catalog", "provisioning", "rbac", "analytics", "audit");
    }

    @Test
    void exposesRequestMetricsForPrometheus() throws Exception {
        call("GET", "/api/v1/namespaces", "team-payments", null);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count", "uri=\"/api/v1/namespaces\"");
    }

    @Test
    void carriesTheW3cTraceContextOfTheRequestIntoTheKafkaHeadersOfTheEvent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String name = uniqueName("traced");

        Answer accepted = call("POST", "/api/v1/namespaces", "team-payments", body(name, "payments", "small"),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.body().path("requestId").asString();
        ConsumerRecord<String, NamespaceRequested> record = EventProbe.awaitRecords(Topics.NAMESPACE_REQUESTS,
                NamespaceRequested.class, event -> event.getEnvelope().getRequestId().equals(requestId),
                Duration.ofSeconds(30)).get(0);
        String traceparent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-01");
    }
}
