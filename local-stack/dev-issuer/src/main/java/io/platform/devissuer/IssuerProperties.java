package io.platform.devissuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The issuer's configuration ({@code platform.issuer.*}).
 *
 * @param url the issuer identifier put in {@code iss} and the discovery document; pinned so that tokens
 *            do not depend on whether a caller said localhost or 127.0.0.1
 * @param keyFile the JWK file holding the RSA signing key, created on first start
 * @param audience the {@code aud} of every access token
 * @param accessTokenTimeToLive lifetime of access tokens
 * @param clients the client-credentials clients; each one's secret is {@code <id>-secret}
 */
@Validated
@ConfigurationProperties("platform.issuer")
public record IssuerProperties(
        @NotBlank String url,
        @NotNull @DefaultValue(".platform/issuer/signing-key.json") Path keyFile,
        @NotBlank @DefaultValue("platform-api") String audience,
        @NotNull @DefaultValue("1h") Duration accessTokenTimeToLive,
        @NotEmpty List<@Valid @NotNull Client> clients) {

    @AssertTrue(message = "client ids must be unique")
    public boolean isClientIdsUnique() {
        if (clients == null) {
            return true;
        }
        Set<String> ids = new HashSet<>();
        return clients.stream().allMatch(client -> client.id() == null || ids.add(client.id()));
    }

    /**
     * One client.
     *
     * @param id client id, also the token's {@code sub}
     * @param roles the {@code roles} claim
     * @param teams the {@code teams} claim
     */
    public record Client(
            @NotBlank String id,
            List<@NotBlank String> roles,
            List<@NotBlank String> teams) {

        public Client {
            roles = roles == null ? List.of() : List.copyOf(roles);
            teams = teams == null ? List.of() : List.copyOf(teams);
        }

        /** Development secret: the client id followed by {@code -secret}. */
        public String secret() {
            return id + "-secret";
        }
    }
}
