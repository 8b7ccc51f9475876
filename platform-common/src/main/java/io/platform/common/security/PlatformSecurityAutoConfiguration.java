package io.platform.common.security;

import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server: JWTs from the configured issuer, with the platform audience, roles as
 * authorities ({@code admin} holds all), teams on the {@link Caller}; health, metrics and API docs public;
 * 401/403 answered as problem+json.
 */
@AutoConfiguration
@EnableMethodSecurity
@EnableConfigurationProperties({PlatformSecurityProperties.class, OAuth2ResourceServerProperties.class})
public class PlatformSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PlatformJwtConverter platformJwtConverter(PlatformSecurityProperties properties) {
        return new PlatformJwtConverter(properties);
    }

    /**
     * Resolved lazily, so a service starts before its issuer is reachable and recovers once it is. Checks the issuer,
     * the expiry and the audience.
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, PlatformSecurityProperties properties) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        String jwkSetUri = resourceServer.getJwt().getJwkSetUri();
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = jwkSetUri != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build()
                    : NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer), new AudienceValidator(properties.audience())));
            return decoder;
        });
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties,
                                                           PlatformJwtConverter converter, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint entryPoint = authenticationEntryPoint(problems);
        AccessDeniedHandler deniedHandler = accessDeniedHandler(problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler));
        return http.build();
    }

    static AuthenticationEntryPoint authenticationEntryPoint(ProblemWriter problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    exception.getMessage() == null ? "a valid bearer token is required" : exception.getMessage());
            problem.setType(ProblemTypes.UNAUTHORIZED);
            problem.setTitle("Authentication required");
            problems.write(request, response, problem);
        };
    }

    static AccessDeniedHandler accessDeniedHandler(ProblemWriter problems) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "the token lacks a role this operation needs");
            problem.setType(ProblemTypes.FORBIDDEN);
            problem.setTitle("Forbidden");
            problems.write(request, response, problem);
        };
    }
}
