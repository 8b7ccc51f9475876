package io.platform.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The signing key lives in a file: a restarted issuer publishes (and signs with) the same key. */
class SigningKeyRestartTest {

    @TempDir
    Path dir;

    @Test
    void restartedIssuerPublishesTheSameKeyFromTheSameFile() throws Exception {
        Path keyFile = dir.resolve("issuer/signing-key.json");

        RSAKey first = publishedKeyOfAFreshlyStartedIssuer(keyFile);
        assertThat(keyFile).exists();
        RSAKey second = publishedKeyOfAFreshlyStartedIssuer(keyFile);

        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
        assertThat(first.isPrivate()).as("only the public part is published").isFalse();
    }

    @Test
    void keyFileIsCreatedOwnerReadableOnlyAndReadBackUnchanged() throws Exception {
        Path keyFile = dir.resolve("nested/signing-key.json");

        RSAKey created = SigningKeys.loadOrCreate(keyFile);
        RSAKey loaded = SigningKeys.loadOrCreate(keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(loaded).isEqualTo(created);
        assertThat(loaded.isPrivate()).isTrue();
        try (var leftovers = Files.list(keyFile.getParent())) {
            assertThat(leftovers).containsExactly(keyFile);
        }
    }

    private static RSAKey publishedKeyOfAFreshlyStartedIssuer(Path keyFile) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DevIssuerApplication.class)
                .run("--server.port=0", "--platform.issuer.key-file=" + keyFile)) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            JWKSet set = JWKSet.parse(jwks.body());
            assertThat(set.getKeys()).hasSize(1);
            return set.getKeys().get(0).toRSAKey();
        }
    }
}
