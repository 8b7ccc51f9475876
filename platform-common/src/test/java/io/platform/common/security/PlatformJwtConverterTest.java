package io.platform.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class PlatformJwtConverterTest {

    private static PlatformSecurityProperties properties(String rolesClaim, Map<String, String> groupTeams) {
        return new PlatformSecurityProperties("platform-api", rolesClaim, "teams", "groups", groupTeams, List.of());
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void mapsRolesAndTeamsFromTheDevIssuerClaims() {
        var converter = new PlatformJwtConverter(properties("roles", Map.of()));

        var token = converter.convert(jwt(Map.of("roles", List.of("namespace:read", "namespace:create"),
                "teams", List.of("payments"))));

        assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("namespace:read", "namespace:create");
        Caller caller = (Caller) token.getDetails();
        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.canActFor("payments")).isTrue();
        assertThat(caller.canActFor("search")).isFalse();
    }

    @Test
    void adminHoldsEveryRoleAndActsForEveryTeam() {
        var converter = new PlatformJwtConverter(properties("roles", Map.of()));

        var token = converter.convert(jwt(Map.of("roles", List.of("admin"))));

        assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsAll(Roles.ALL);
        assertThat(((Caller) token.getDetails()).canActFor("anything")).isTrue();
    }

    @Test
    void followsKeycloaksNestedRealmRoles() {
        var converter = new PlatformJwtConverter(properties("realm_access.roles", Map.of()));

        var token = converter.convert(jwt(Map.of("realm_access", Map.of("roles", List.of("audit:read")))));

        assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("audit:read");
    }

    @Test
    void mapsEntraIdGroupIdsToTeams() {
        var converter = new PlatformJwtConverter(properties("roles",
                Map.of("5f1c0f1e-8a1b-4a51-9d0e-1f7d0a6c2b11", "data")));

        Caller caller = converter.callerOf(jwt(Map.of("roles", List.of("namespace:read"),
                "groups", List.of("5f1c0f1e-8a1b-4a51-9d0e-1f7d0a6c2b11", "unmapped-group"))));

        assertThat(caller.teams()).containsExactly("data");
    }

    @Test
    void aTokenWithoutRolesGrantsNothing() {
        var converter = new PlatformJwtConverter(properties("roles", Map.of()));

        var token = converter.convert(jwt(Map.of("scope", "openid")));

        assertThat(token.getAuthorities()).isEmpty();
        assertThat(((Caller) token.getDetails()).teams()).isEmpty();
    }
}
