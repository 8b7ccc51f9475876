package io.platform.gateway.web;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ProblemWriter;
import io.platform.gateway.config.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-client rate limit (resilience4j {@link RateLimiter}, one per client): a client over its limit is answered 429
 * problem+json with {@code Retry-After} (seconds until the next permit). The client is the token's authorized party
 * ({@code azp}, Entra ID's and Keycloak's), else {@code client_id}, else {@code appid} (Entra ID v1), else the
 * subject. Runs after authentication; calls without a token are not limited here (they are refused with 401, or are
 * public health, metrics and API documentation).
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final String[] CLIENT_CLAIMS = {"azp", "client_id", "appid"};

    private final RateLimiterRegistry limiters;
    private final ProblemWriter problems;

    public RateLimitFilter(GatewayProperties.RateLimit settings, ProblemWriter problems) {
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(settings.limitForPeriod())
                .limitRefreshPeriod(settings.period())
                .timeoutDuration(Duration.ZERO)
                .build());
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = client(SecurityContextHolder.getContext().getAuthentication());
        if (client == null) {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter limiter = limiters.rateLimiter(client);
        if (limiter.acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        long waitNanos = limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics
                ? Math.max(metrics.getNanosToWait(), 1) : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "client '" + client + "' made more than " + limiter.getRateLimiterConfig().getLimitForPeriod()
                        + " requests in " + limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis()
                        + " ms; retry after " + retryAfter + " s");
        problem.setType(ProblemTypes.RATE_LIMITED);
        problem.setTitle("Too many requests");
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problems.write(request, response, problem);
    }

    static String client(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return null;
        }
        for (String claim : CLIENT_CLAIMS) {
            Object value = token.getToken().getClaims().get(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return token.getToken().getSubject();
    }
}
