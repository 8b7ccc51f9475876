package io.platform.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.common.web.ProblemWriter;
import io.platform.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.json.JsonMapper;

class RateLimitFilterTest {

    private final RateLimitFilter filter = new RateLimitFilter(new GatewayProperties.RateLimit(true, 2, Duration.ofMinutes(1)),
            new ProblemWriter(JsonMapper.builder().build()));
    private final AtomicInteger passed = new AtomicInteger();

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletResponse call(String azp, String subject) throws Exception {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).audience(List.of("platform-api"));
        if (azp != null) {
            jwt.claim("azp", azp);
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build(), List.of()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/namespaces"), response,
                (request, answer) -> passed.incrementAndGet());
        return response;
    }

    @Test
    void answers429WithRetryAfterOnceAClientIsOverItsLimit() throws Exception {
        // Given a client that used its 2 requests of this minute
        call("ci-pipeline", "user-1");
        call("ci-pipeline", "user-2");

        // When it calls again
        MockHttpServletResponse limited = call("ci-pipeline", "user-3");

        // Then it is refused as problem+json with when to retry, and the request went no further
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getContentAsString()).contains("https://platform.io/problems/rate-limited", "ci-pipeline");
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(passed).hasValue(2);
    }

    @Test
    void countsEachClientSeparatelyAndFallsBackToTheSubject() throws Exception {
        call("ci-pipeline", "user-1");
        call("ci-pipeline", "user-1");

        assertThat(call("portal", "user-1").getStatus()).isEqualTo(200);
        assertThat(call(null, "team-payments").getStatus()).isEqualTo(200);
        assertThat(call(null, "team-payments").getStatus()).isEqualTo(200);
        assertThat(call(null, "team-payments").getStatus()).isEqualTo(429);
    }

    @Test
    void leavesCallsWithoutATokenToTheSecurityChain() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        for (int i = 0; i < 5; i++) {
            filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), response, (request, answer) -> passed.incrementAndGet());
        }

        assertThat(passed).hasValue(5);
    }
}
