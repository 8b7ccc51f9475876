package io.platform.test;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real dev OIDC issuer (Spring Authorization Server, the local stack's build), started once per test JVM on a
 * free port; tokens come from its token endpoint with the client-credentials grant, exactly as users get them.
 */
public final class TestIssuer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static String issuer;

    private TestIssuer() {
    }

    /** The issuer URL, also the {@code iss} of its tokens. */
    public static synchronized String issuerUri() {
        if (issuer == null) {
            int port = ChildProcess.freePort();
            String uri = "http://127.0.0.1:" + port;
            ChildProcess.start("dev-issuer", ProjectLayout.jar("local-stack/dev-issuer", "dev-issuer.jar"), List.of(),
                            List.of("--server.port=" + port, "--platform.issuer.url=" + uri,
                                    "--platform.issuer.key-file=" + ProjectLayout.scratch("issuer").resolve("signing-key.json")))
                    .awaitHttpOk(uri + "/.well-known/openid-configuration", Duration.ofSeconds(90));
            issuer = uri;
        }
        return issuer;
    }

    /** An access token of a dev client ({@code team-payments}, {@code platform-admin}...), cached per client. */
    public static String token(String clientId) {
        return TOKENS.computeIfAbsent(clientId, TestIssuer::fetch);
    }

    private static String fetch(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUri() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + clientId + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token for " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
