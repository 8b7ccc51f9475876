package io.platform.gateway.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.platform.common.security.PlatformJwtConverter;
import io.platform.common.security.PlatformSecurityAutoConfiguration;
import io.platform.common.web.PlatformWebAutoConfiguration;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.ReadModel;
import io.platform.rules.NamespaceSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Entra ID and Keycloak tokens work by configuration only (the settings the README gives): roles from their claims,
 * teams from mapped groups, tenant isolation as with the dev issuer.
 */
class IdentityProviderClaimsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    abstract static class ProviderCase {

        @Autowired
        MockMvc mvc;

        @Autowired
        PlatformJwtConverter converter;

        @MockitoBean
        NamespaceIntake intake;

        @MockitoBean
        ReadModel readModel;

        @BeforeEach
        void namespaces() {
            when(readModel.findNamespace(any())).thenAnswer(call -> Optional.empty());
            for (String team : List.of("payments", "search")) {
                NamespaceSpecification spec = new NamespaceSpecification(team + "-api", team, "development", "small",
                        "isolated", List.of(), null, null);
                when(readModel.findNamespace(team + "-api")).thenReturn(Optional.of(
                        new Namespace(team + "-api", team, spec, LifecycleStatus.READY, "r-" + team, AT, AT)));
            }
        }

        abstract Jwt paymentsMember();

        @Test
        void seesItsTeamsNamespaceAndNotAnotherTeams() throws Exception {
            mvc.perform(get("/api/v1/namespaces/payments-api").with(authentication(converter.convert(paymentsMember()))))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/namespaces/search-api").with(authentication(converter.convert(paymentsMember()))))
                    .andExpect(status().isNotFound());
        }
    }

    @Nested
    @WebMvcTest(controllers = NamespaceController.class)
    @ImportAutoConfiguration({PlatformSecurityAutoConfiguration.class, PlatformWebAutoConfiguration.class})
    @TestPropertySource(properties = {
            "platform.security.audience=api://namespace-platform",
            "platform.security.roles-claim=roles",
            "platform.security.groups-claim=groups",
            "platform.security.group-teams.0b6d3b8e-1c2f-4a8e-9d53-2f3c9a1b7e10=payments"})
    class EntraId extends ProviderCase {

        @Override
        Jwt paymentsMember() {
            return Jwt.withTokenValue("entra").header("alg", "RS256").subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                    .issuer("https://login.microsoftonline.com/tenant/v2.0").audience(List.of("api://namespace-platform"))
                    .claim("azp", "ci-pipeline").claim("roles", List.of("namespace:read"))
                    .claim("groups", List.of("0b6d3b8e-1c2f-4a8e-9d53-2f3c9a1b7e10", "ffffffff-0000-0000-0000-000000000000"))
                    .build();
        }
    }

    @Nested
    @WebMvcTest(controllers = NamespaceController.class)
    @ImportAutoConfiguration({PlatformSecurityAutoConfiguration.class, PlatformWebAutoConfiguration.class})
    @TestPropertySource(properties = {
            "platform.security.audience=platform-api",
            "platform.security.roles-claim=realm_access.roles",
            "platform.security.groups-claim=groups",
            "platform.security.group-teams.team-payments=payments"})
    class Keycloak extends ProviderCase {

        @Override
        Jwt paymentsMember() {
            return Jwt.withTokenValue("keycloak").header("alg", "RS256").subject("f3c1a9c4-7d0e-4c0a-9e55-3b1c2d4e5f60")
                    .issuer("https://keycloak.example.com/realms/platform").audience(List.of("platform-api", "account"))
                    .claim("azp", "portal").claim("realm_access", Map.of("roles", List.of("namespace:read", "offline_access")))
                    .claim("groups", List.of("team-payments"))
                    .build();
        }
    }
}
