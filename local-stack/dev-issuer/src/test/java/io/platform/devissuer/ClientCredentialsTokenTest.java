package io.platform.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gets tokens through the real HTTP token endpoint and checks them against the published JWK set.
 * The issuer URL must be known before the server binds its port (it is pinned at start-up), so the
 * test picks a free port itself instead of letting the server choose one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ClientCredentialsTokenTest {

    private static final int PORT = freePort();
    private static final String ISSUER = "http://127.0.0.1:" + PORT;

    @TempDir
    static Path keyDir;

    @DynamicPropertySource
    static void issuerOnAFreePort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("platform.issuer.url", () -> ISSUER);
        registry.add("platform.issuer.key-file", () -> keyDir.resolve("signing-key.json").toString());
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void teamClientGetsAnAccessTokenWithAudienceRolesAndTeams() throws Exception {
        HttpResponse<String> response = requestToken("team-payments", "team-payments-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(3590L, 3600L);

        Jwt jwt = decoder().decode(body.get("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("team-payments");
        assertThat(jwt.getAudience()).containsExactly("platform-api");
        assertThat(jwt.getClaimAsStringList("roles"))
                .containsExactly("namespace:read", "namespace:create", "namespace:update", "namespace:delete");
        assertThat(jwt.getClaimAsStringList("teams")).containsExactly("payments");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void adminClientGetsAnEmptyTeamsList() throws Exception {
        HttpResponse<String> response = requestToken("platform-admin", "platform-admin-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt jwt = decoder().decode(json.readTree(response.body()).get("access_token").asString());
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(jwt.getClaimAsStringList("teams")).isEmpty();
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        assertThat(requestToken("team-payments", "nope").statusCode()).isEqualTo(401);
    }

    @Test
    void discoveryDocumentAndHealthArePublic() throws Exception {
        HttpResponse<String> discovery = get("/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(discovery.body());
        assertThat(document.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(document.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    private NimbusJwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }

    private HttpResponse<String> requestToken(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(ISSUER + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
