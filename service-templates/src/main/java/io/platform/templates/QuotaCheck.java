package io.platform.templates;

import io.platform.rules.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whether an instance fits into its namespace: for every quota dimension, what the tier allows, what the namespace's
 * other instances already request, what this one requests and what would be left.
 */
public record QuotaCheck(String tier, boolean fits, List<Line> lines) {

    public record Line(String resource, String limit, String used, String requested, String remaining, boolean fits) {
    }

    public static QuotaCheck of(TierQuota quota, ResourceUsage used, ResourceUsage requested) {
        List<Line> lines = new ArrayList<>();
        lines.add(decimal("requests.cpu", quota.cpu(), used.requestsCpu(), requested.requestsCpu(), Quantities::cpu));
        lines.add(decimal("limits.cpu", quota.cpu(), used.limitsCpu(), requested.limitsCpu(), Quantities::cpu));
        lines.add(decimal("requests.memory", quota.memory(), used.requestsMemory(), requested.requestsMemory(), Quantities::bytes));
        lines.add(decimal("limits.memory", quota.memory(), used.limitsMemory(), requested.limitsMemory(), Quantities::bytes));
        lines.add(decimal("requests.storage", quota.storage(), used.requestsStorage(), requested.requestsStorage(), Quantities::bytes));
        lines.add(count("pods", quota.pods(), used.pods(), requested.pods()));
        lines.add(count("services", quota.services(), used.services(), requested.services()));
        lines.add(count("persistentvolumeclaims", quota.persistentVolumeClaims(), used.persistentVolumeClaims(),
                requested.persistentVolumeClaims()));
        return new QuotaCheck(quota.tier(), lines.stream().allMatch(Line::fits), List.copyOf(lines));
    }

    /** One violation per exceeded dimension, naming it. */
    public List<Violation> violations() {
        return lines.stream().filter(line -> !line.fits())
                .map(line -> new Violation("quota." + line.resource(), "quota-exceeded",
                        "the instance requests " + line.requested() + " " + line.resource() + " but tier '" + tier
                                + "' allows " + line.limit() + " and " + line.used() + " are already requested"))
                .toList();
    }

    /** The refusal in one sentence, for events and logs. */
    public String summary() {
        return String.join("; ", violations().stream().map(Violation::message).toList());
    }

    private static Line decimal(String resource, BigDecimal limit, BigDecimal used, BigDecimal requested,
                                Function<BigDecimal, String> format) {
        BigDecimal remaining = limit.subtract(used).subtract(requested);
        return new Line(resource, format.apply(limit), format.apply(used), format.apply(requested),
                remaining.signum() < 0 ? "-" + format.apply(remaining.negate()) : format.apply(remaining),
                remaining.signum() >= 0);
    }

    private static Line count(String resource, int limit, int used, int requested) {
        int remaining = limit - used - requested;
        return new Line(resource, Integer.toString(limit), Integer.toString(used), Integer.toString(requested),
                Integer.toString(remaining), remaining >= 0);
    }
}
