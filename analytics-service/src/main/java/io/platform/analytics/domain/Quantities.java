package io.platform.analytics.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 4Gi}, {@code 1G}) as plain numbers. */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("Ki", BigDecimal.valueOf(1024)), Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)), Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)));

    private Quantities() {
    }

    /** The quantity in base units (cores, bytes, count); zero for a blank or unreadable value. */
    public static BigDecimal parse(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return BigDecimal.ZERO;
        }
        Matcher matcher = QUANTITY.matcher(quantity.trim());
        if (!matcher.matches() || !SUFFIXES.containsKey(matcher.group(2))) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(matcher.group(1)).multiply(SUFFIXES.get(matcher.group(2))).stripTrailingZeros();
    }
}
