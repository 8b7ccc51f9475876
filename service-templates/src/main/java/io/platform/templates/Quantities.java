package io.platform.templates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5Gi}, {@code 1e3}) as exact decimals. */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([+]?(?:\\d+\\.?\\d*|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d{1,3})?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    public static boolean isValid(String text) {
        return text != null && QUANTITY.matcher(text.trim()).matches();
    }

    /** @throws IllegalArgumentException when the text is not a quantity */
    public static BigDecimal parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a quantity is required");
        }
        Matcher matcher = QUANTITY.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 10Gi)");
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        if (suffix == null) {
            return number;
        }
        if (suffix.matches("[eE][+-]?\\d+")) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }

    /** CPU in cores as Kubernetes writes it: whole cores, otherwise millicores (rounded up). */
    public static String cpu(BigDecimal cores) {
        BigDecimal normalized = cores.stripTrailingZeros();
        if (normalized.scale() <= 0) {
            return normalized.toBigInteger().toString();
        }
        return cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).toBigInteger() + "m";
    }

    /** Bytes in the largest binary unit that holds them exactly. */
    public static String bytes(BigDecimal bytes) {
        BigDecimal whole = bytes.setScale(0, RoundingMode.CEILING);
        for (String unit : new String[] {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"}) {
            BigDecimal[] division = whole.divideAndRemainder(SUFFIXES.get(unit));
            if (whole.signum() != 0 && division[1].signum() == 0) {
                return division[0].toBigInteger() + unit;
            }
        }
        return whole.toBigInteger().toString();
    }
}
