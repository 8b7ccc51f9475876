package io.platform.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platform.common.web.CorrelationIdFilter;
import io.platform.common.web.ProblemDetailsAdvice;
import io.platform.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

class RouteProxyControllerTest {

    /** What the stub service received. */
    record Received(String method, String pathAndQuery, String authorization, String correlationId, String contentType,
                    String body, String host) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
    private HttpServer service;
    private MockMvc mvc;

    @BeforeEach
    void startStubService() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/v1/catalog", this::answer);
        service.createContext("/api/v1/audit", exchange -> {
            awaitRelease();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        service.start();
        String base = "http://127.0.0.1:" + service.getAddress().getPort();
        GatewayProperties properties = new GatewayProperties(
                Map.of("catalog", URI.create(base), "audit", URI.create(base + "/"), "rbac", URI.create("http://127.0.0.1:" + closedPort())),
                Duration.ofSeconds(1), Duration.ofMillis(500), DataSize.ofBytes(64));
        mvc = MockMvcBuilders.standaloneSetup(new RouteProxyController(properties))
                .setControllerAdvice(new ProblemDetailsAdvice())
                .addFilters(new CorrelationIdFilter())
                .build();
    }

    @AfterEach
    void stopStubService() {
        releaseSlowAnswers.countDown();
        service.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, exchange.getRequestHeaders().getFirst("Host")));
        byte[] answer = "{\"tiers\":[\"small\"]}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("ETag", "\"v7\"");
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void awaitRelease() {
        try {
            releaseSlowAnswers.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void relaysMethodPathQueryBodyAndTheCallersTokenAndReturnsTheServicesAnswer() throws Exception {
        mvc.perform(post("/api/v1/catalog/tiers").queryParam("dryRun", "true")
                        .header("Authorization", "Bearer caller-token").header("X-Correlation-Id", "corr-1")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"xl\"}"))
                .andExpect(status().isCreated())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().string("ETag", "\"v7\""))
                .andExpect(header().string("X-Correlation-Id", "corr-1"))
                .andExpect(jsonPath("$.tiers[0]").value("small"));

        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/v1/catalog/tiers?dryRun=true");
        assertThat(request.authorization()).isEqualTo("Bearer caller-token");
        assertThat(request.correlationId()).isEqualTo("corr-1");
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body()).isEqualTo("{\"name\":\"xl\"}");
        assertThat(request.host()).isEqualTo("127.0.0.1:" + service.getAddress().getPort());
    }

    @Test
    void relaysTheBarePrefixOfAnApi() throws Exception {
        mvc.perform(get("/api/v1/catalog").header("Authorization", "Bearer caller-token"))
                .andExpect(status().isOk());

        assertThat(received.poll(5, TimeUnit.SECONDS)).extracting(Received::pathAndQuery).isEqualTo("/api/v1/catalog");
    }

    @Test
    void answers404ProblemForAnApiWithoutRoute() throws Exception {
        mvc.perform(get("/api/v1/billing/invoices"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/not-found"));
    }

    @Test
    void answers503ProblemWhenTheServiceIsUnreachable() throws Exception {
        mvc.perform(get("/api/v1/rbac/bindings"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/unavailable"))
                .andExpect(jsonPath("$.detail").value("the rbac API is unreachable"));
    }

    @Test
    void answers504ProblemWhenTheServiceDoesNotAnswerInTime() throws Exception {
        mvc.perform(get("/api/v1/audit/events"))
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/unavailable"));
    }

    @Test
    void refusesABodyLargerThanTheLimitWithoutCallingTheService() throws Exception {
        mvc.perform(post("/api/v1/catalog/tiers").contentType(MediaType.APPLICATION_JSON).content("x".repeat(65)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://platform.io/problems/payload-too-large"));

        assertThat(received).isEmpty();
    }
}
