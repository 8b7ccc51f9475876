package io.platform.e2e.harness;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** The platform's public API as curl users see it: the gateway on 8080, tokens from the dev issuer on 9000. */
public final class PlatformClient {

    public static final String GATEWAY = "http://localhost:8080";
    public static final String ISSUER = "http://127.0.0.1:9000";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "platform-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** An HTTP answer: status, headers, JSON body (null node when empty or not JSON). */
    public record Answer(int status, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public String token(String client) {
        return tokens.computeIfAbsent(client, id -> {
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

    public Answer get(String path, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).GET();
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return send(request);
    }

    public Answer post(String path, String client, Object body) {
        return send(postRequest(path, client, body));
    }

    public CompletableFuture<Answer> postAsync(String path, String client, Object body) {
        return http.sendAsync(postRequest(path, client, body).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(PlatformClient::answer);
    }

    public Answer patch(String path, String client, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return send(request);
    }

    /** A GET whose body is returned as text (CSV, JSON Lines). */
    public Text getText(String path, String client, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).header("Accept", accept).GET();
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Text(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A text answer. */
    public record Text(int status, String contentType, String body) {
    }

    public Answer delete(String path, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).DELETE();
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return send(request);
    }

    private HttpRequest.Builder postRequest(String path, String client, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return request;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            return answer(http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer answer(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.nullNode();
        }
        return new Answer(response.statusCode(), response.headers().map(), body);
    }
}
