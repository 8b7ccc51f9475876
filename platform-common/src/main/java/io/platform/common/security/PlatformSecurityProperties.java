package io.platform.common.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.security.*}: how tokens from any OIDC issuer map onto platform roles and teams. The issuer itself is
 * Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
 *
 * <p>Examples: the dev issuer and Entra ID app roles use {@code roles}; Keycloak puts realm roles in
 * {@code realm_access.roles} (dotted paths are followed). Entra ID sends group object ids in {@code groups}; map them
 * to team names with {@code group-teams}.
 *
 * @param audience    required {@code aud} value
 * @param rolesClaim  claim (dotted path) holding the platform roles
 * @param teamsClaim  claim (dotted path) holding team names directly
 * @param groupsClaim claim (dotted path) holding IdP group ids or names
 * @param groupTeams  IdP group id or name to team name
 * @param publicPaths request paths served without a token
 */
@Validated
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        @NotBlank @DefaultValue("platform-api") String audience,
        @NotBlank @DefaultValue("roles") String rolesClaim,
        @NotBlank @DefaultValue("teams") String teamsClaim,
        @NotBlank @DefaultValue("groups") String groupsClaim,
        @NotNull @DefaultValue({}) Map<String, String> groupTeams,
        @NotNull @DefaultValue({"/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**",
                "/swagger-ui/**", "/swagger-ui.html", "/error"}) List<String> publicPaths) {
}
