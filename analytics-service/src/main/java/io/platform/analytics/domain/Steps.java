package io.platform.analytics.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code step} parameter: {@code <n>d} or {@code <n>h} (e.g. 1d, 7d, 6h). */
public final class Steps {

    private static final Pattern STEP = Pattern.compile("(\\d{1,4})([dh])");

    private Steps() {
    }

    public static Duration parse(String text) {
        Matcher matcher = STEP.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new CostWindows.InvalidWindow("must be <n>d or <n>h, e.g. 1d or 6h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }

    public static void checkCount(CostWindow window, Duration step) {
        long count = Duration.between(window.from(), window.to()).toMillis() / step.toMillis();
        if (count > CostReporting.MAX_STEPS) {
            throw new CostWindows.InvalidWindow("the window holds more than " + CostReporting.MAX_STEPS + " steps of " + step);
        }
    }
}
