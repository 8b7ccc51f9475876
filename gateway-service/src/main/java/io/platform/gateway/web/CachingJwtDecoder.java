package io.platform.gateway.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens the platform's decoder has fully validated (signature, issuer, audience, expiry), so a client that
 * reuses its token (client credentials tokens live an hour) pays for parsing and the signature check once per
 * {@code ttl}, not per request. The cache key is the whole token including its signature, so only the identical,
 * already verified token hits (its issuer, audience and signature cannot have changed); on every hit the time-based
 * checks run again ({@code validator}: expiry and not-before), so an expired token is refused exactly as without the
 * cache. Bounded: the cache is emptied when
 * it holds {@code maxEntries} tokens. Validation time is recorded as {@code gateway.jwt.validation} with tag
 * {@code cache=hit|miss}.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private record Validated(Jwt jwt, Instant until) {
    }

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Validated> cache = new ConcurrentHashMap<>();
    private final Timer hits;
    private final Timer misses;

    public CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration ttl, int maxEntries,
                             Clock clock, MeterRegistry meters) {
        this.delegate = delegate;
        this.validator = validator;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.hits = Timer.builder("gateway.jwt.validation").tag("cache", "hit")
                .description("time to validate a bearer token").register(meters);
        this.misses = Timer.builder("gateway.jwt.validation").tag("cache", "miss")
                .description("time to validate a bearer token").register(meters);
    }

    /** The decoder behind the cache (for measurements). */
    public JwtDecoder uncached() {
        return delegate;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        long started = System.nanoTime();
        Validated known = cache.get(token);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            OAuth2TokenValidatorResult result = validator.validate(known.jwt());
            if (result.hasErrors()) {
                cache.remove(token);
                throw new JwtValidationException("the token is no longer valid", result.getErrors());
            }
            hits.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            return known.jwt();
        }
        try {
            Jwt jwt = delegate.decode(token);
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
            Instant until = now.plus(ttl);
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
                until = jwt.getExpiresAt();
            }
            cache.put(token, new Validated(jwt, until));
            return jwt;
        } catch (BadJwtException e) {
            cache.remove(token);
            throw e;
        } finally {
            misses.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
