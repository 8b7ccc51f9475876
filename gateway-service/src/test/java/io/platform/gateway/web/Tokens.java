package io.platform.gateway.web;

import io.platform.common.security.PlatformJwtConverter;
import io.platform.common.security.PlatformSecurityProperties;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/** Authenticated callers for slice tests, converted exactly as the platform converts real tokens. */
final class Tokens {

    private static final PlatformJwtConverter CONVERTER = new PlatformJwtConverter(new PlatformSecurityProperties(
            "platform-api", "roles", "teams", "groups", Map.of(), List.of("/actuator/health/**")));

    private Tokens() {
    }

    static RequestPostProcessor caller(String subject, List<String> roles, List<String> teams) {
        Jwt jwt = Jwt.withTokenValue("token-of-" + subject).header("alg", "RS256").subject(subject)
                .claim("roles", roles).claim("teams", teams).audience(List.of("platform-api")).build();
        return SecurityMockMvcRequestPostProcessors.authentication(CONVERTER.convert(jwt));
    }

    static RequestPostProcessor payments() {
        return caller("team-payments", List.of("namespace:read", "namespace:create", "namespace:update",
                "namespace:delete"), List.of("payments"));
    }

    static RequestPostProcessor admin() {
        return caller("platform-admin", List.of("admin"), List.of());
    }

    static RequestPostProcessor analyst() {
        return caller("analyst", List.of("analytics:read", "audit:read"), List.of());
    }
}
