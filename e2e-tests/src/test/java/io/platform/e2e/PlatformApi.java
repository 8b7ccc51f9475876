package io.platform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The public API of the local stack as curl users see it: the gateway on 8080, tokens from the dev issuer on 9000. */
final class PlatformApi {

    static final String GATEWAY = "http://localhost:8080";
    static final String ISSUER = "http://127.0.0.1:9000";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    record Answer(int status, Map<String, java.util.List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private PlatformApi() {
    }

    static String token(String client) {
        return TOKENS.computeIfAbsent(client, id -> {
            String basic = Base64.getEncoder().encodeToString((id + ":" + id + "-secret").getBytes(StandardCharsets.UTF_8));
            Answer answer = send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
            if (answer.status() != 200) {
                throw new IllegalStateException("no token for " + id + ": " + answer);
            }
            return answer.body().path("access_token").asText();
        });
    }

    static Answer get(String path, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).GET();
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return send(request);
    }

    static Answer post(String path, String client, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return send(request);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().map(), body);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
