package io.platform.analytics.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** What costs are grouped by. */
public enum Aggregate {
    TEAM("team", CostInterval::team),
    ENVIRONMENT("environment", CostInterval::environment),
    TIER("tier", CostInterval::tier),
    COST_CENTER("costCenter", CostInterval::costCenter),
    NAMESPACE("namespace", CostInterval::namespace);

    /** The key of intervals whose attribute is not set (a namespace without cost center). */
    public static final String UNASSIGNED = "unassigned";

    private final String value;
    private final Function<CostInterval, String> attribute;

    Aggregate(String value, Function<CostInterval, String> attribute) {
        this.value = value;
        this.attribute = attribute;
    }

    public String value() {
        return value;
    }

    public String keyOf(CostInterval interval) {
        String key = attribute.apply(interval);
        return key == null || key.isBlank() ? UNASSIGNED : key;
    }

    /** By its API name, case-insensitively. */
    public static Optional<Aggregate> parse(String value) {
        return Arrays.stream(values()).filter(aggregate -> aggregate.value.equalsIgnoreCase(value)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Aggregate::value).toList());
    }
}
