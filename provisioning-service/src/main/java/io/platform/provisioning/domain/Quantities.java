package io.platform.provisioning.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 4Gi}, {@code 1.5G}, {@code 1e3}) as exact numbers,
 * so that quotas can be summed and compared the way the API server does ({@code 2} equals {@code 2000m}).
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([+-]?(?:\\d+\\.?\\d*|\\.\\d+))([eE][+-]?\\d+|[a-zA-Z]{0,2})$");
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", KI),
            Map.entry("Mi", KI.pow(2)),
            Map.entry("Gi", KI.pow(3)),
            Map.entry("Ti", KI.pow(4)),
            Map.entry("Pi", KI.pow(5)),
            Map.entry("Ei", KI.pow(6)));

    private Quantities() {
    }

    /** The quantity's value in base units (cores, bytes, count). */
    public static BigDecimal parse(String quantity) {
        if (quantity == null) {
            throw new IllegalArgumentException("no quantity");
        }
        Matcher matcher = QUANTITY.matcher(quantity.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity");
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        if (!suffix.isEmpty() && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        BigDecimal factor = SUFFIXES.get(suffix);
        if (factor == null) {
            throw new IllegalArgumentException("'" + quantity + "' has an unknown suffix '" + suffix + "'");
        }
        return number.multiply(factor);
    }

    /** Whether two quantities denote the same amount; unparseable ones are compared as text. */
    public static boolean same(String left, String right) {
        if (left == null || right == null) {
            return left == null && right == null;
        }
        try {
            return parse(left).compareTo(parse(right)) == 0;
        } catch (IllegalArgumentException e) {
            return left.trim().equals(right.trim());
        }
    }

    /** CPU for people: {@code 2.5 CPU}. */
    public static String formatCpu(BigDecimal cores) {
        return cores.stripTrailingZeros().toPlainString() + " CPU";
    }

    /** Memory for people: {@code 12Gi}, or bytes when it is not a whole number of MiB. */
    public static String formatMemory(BigDecimal bytes) {
        BigDecimal gi = KI.pow(3);
        BigDecimal mi = KI.pow(2);
        if (bytes.remainder(gi).signum() == 0) {
            return bytes.divide(gi, 0, RoundingMode.UNNECESSARY).toPlainString() + "Gi";
        }
        if (bytes.remainder(mi).signum() == 0) {
            return bytes.divide(mi, 0, RoundingMode.UNNECESSARY).toPlainString() + "Mi";
        }
        return bytes.stripTrailingZeros().toPlainString() + " bytes";
    }
}
