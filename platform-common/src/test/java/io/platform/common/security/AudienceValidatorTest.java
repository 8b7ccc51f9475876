package io.platform.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AudienceValidatorTest {

    private static Jwt withAudience(List<String> audience) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("s").audience(audience)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    @Test
    void acceptsTokensForThePlatformApi() {
        assertThat(new AudienceValidator("platform-api").validate(withAudience(List.of("other", "platform-api"))).hasErrors()).isFalse();
    }

    @Test
    void refusesTokensForAnotherAudience() {
        var result = new AudienceValidator("platform-api").validate(withAudience(List.of("account")));
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors()).extracting(error -> error.getDescription())
                .containsExactly("the token's audience does not include platform-api");
    }
}
