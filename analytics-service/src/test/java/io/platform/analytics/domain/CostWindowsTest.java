package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CostWindowsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T16:30:12.345Z");

    @Test
    void theDefaultWindowIsTheCurrentUtcMonthUntilNow() {
        CostWindow expected = new CostWindow(Instant.parse("2026-12-01T00:00:00Z"), NOW);

        assertThat(CostWindows.parse(null, NOW)).isEqualTo(expected);
        assertThat(CostWindows.parse("month", NOW)).isEqualTo(expected);
    }

    @Test
    void dayWindowsEndNow() {
        assertThat(CostWindows.parse("7d", NOW)).isEqualTo(new CostWindow(NOW.minus(Duration.ofDays(7)), NOW));
        assertThat(CostWindows.parse("30d", NOW)).isEqualTo(new CostWindow(NOW.minus(Duration.ofDays(30)), NOW));
    }

    @Test
    void explicitWindowsTakeInstantsOrDates() {
        assertThat(CostWindows.parse("2026-11-01T00:00:00Z,2026-11-15T12:00:00Z", NOW)).isEqualTo(
                new CostWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-15T12:00:00Z")));
        assertThat(CostWindows.parse("2026-10-01, 2026-11-01", NOW)).isEqualTo(
                new CostWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void refusesWindowsItCannotRead() {
        assertThatThrownBy(() -> CostWindows.parse("last-week", NOW)).isInstanceOf(CostWindows.InvalidWindow.class);
        assertThatThrownBy(() -> CostWindows.parse("0d", NOW)).isInstanceOf(CostWindows.InvalidWindow.class);
        assertThatThrownBy(() -> CostWindows.parse("2026-11-01,yesterday", NOW))
                .isInstanceOf(CostWindows.InvalidWindow.class).hasMessageContaining("to");
        assertThatThrownBy(() -> CostWindows.parse("2026-11-02,2026-11-01", NOW))
                .isInstanceOf(CostWindows.InvalidWindow.class).hasMessageContaining("before");
        assertThatThrownBy(() -> CostWindows.parse("2000-01-01,2026-01-01", NOW))
                .isInstanceOf(CostWindows.InvalidWindow.class).hasMessageContaining("at most");
    }
}
