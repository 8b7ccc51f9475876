package io.platform.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger verified = new AtomicInteger();
    private final JwtDecoder platform = token -> {
        verified.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        if (clock.now.isAfter(NOW.plusSeconds(600))) {
            throw new BadJwtException("expired");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("team-payments")
                .audience(List.of("platform-api")).issuedAt(NOW).expiresAt(NOW.plusSeconds(600)).build();
    };

    private CachingJwtDecoder decoder() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        return new CachingJwtDecoder(platform, timestamps, Duration.ofMinutes(5), 100, clock, new SimpleMeterRegistry());
    }

    @Test
    void verifiesAReusedTokenOnceWithinTheTimeToLive() {
        CachingJwtDecoder decoder = decoder();

        decoder.decode("good-1");
        decoder.decode("good-1");
        clock.now = NOW.plusSeconds(299);
        Jwt third = decoder.decode("good-1");

        assertThat(third.getSubject()).isEqualTo("team-payments");
        assertThat(verified).hasValue(1);
        clock.now = NOW.plusSeconds(301);
        decoder.decode("good-1");
        assertThat(verified).hasValue(2);
    }

    @Test
    void refusesACachedTokenOnceItHasExpired() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(platform, timestampsAt(), Duration.ofHours(1), 100, clock,
                new SimpleMeterRegistry());
        decoder.decode("good-1");

        clock.now = NOW.plusSeconds(601);

        assertThatThrownBy(() -> decoder.decode("good-1")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void neverRemembersATokenThatFailedAndTellsDifferentTokensApart() {
        CachingJwtDecoder decoder = decoder();

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        decoder.decode("good-1");
        decoder.decode("good-2");

        assertThat(verified).hasValue(4);
    }

    @Test
    void reportsAnExpiredCachedTokenAsAValidationFailure() {
        CachingJwtDecoder decoder = decoder();
        decoder.decode("good-1");
        clock.now = NOW.plusSeconds(200);
        JwtTimestampValidator strict = new JwtTimestampValidator(Duration.ZERO);
        strict.setClock(Clock.fixed(NOW.plusSeconds(700), ZoneOffset.UTC));
        CachingJwtDecoder late = new CachingJwtDecoder(platform, strict, Duration.ofMinutes(5), 100, clock,
                new SimpleMeterRegistry());
        late.decode("good-1");

        assertThatThrownBy(() -> late.decode("good-1")).isInstanceOf(JwtValidationException.class);
    }

    private JwtTimestampValidator timestampsAt() {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
