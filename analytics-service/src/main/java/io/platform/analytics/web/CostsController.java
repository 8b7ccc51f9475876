package io.platform.analytics.web;

import io.platform.analytics.domain.Aggregate;
import io.platform.analytics.domain.CostCalculator;
import io.platform.analytics.domain.CostReport;
import io.platform.analytics.domain.CostReporting;
import io.platform.analytics.domain.CostWindow;
import io.platform.analytics.domain.CostWindows;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Namespace costs, pro-rated per calendar month and grouped. */
@RestController
@RequestMapping(path = "/api/v1/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
public class CostsController {

    private final CostReporting reporting;

    public CostsController(CostReporting reporting) {
        this.reporting = reporting;
    }

    /**
     * {@code window}: month (default) | {@code <n>d} | {@code <from>,<to>}; {@code aggregate} (alias {@code groupBy}):
     * team | environment | tier | costCenter | namespace (default). Role {@code analytics:read} (or admin).
     */
    @GetMapping("/costs")
    @PreAuthorize("hasAuthority('analytics:read')")
    public CostsResponse costs(@RequestParam(required = false) String window,
                               @RequestParam(required = false) String aggregate,
                               @RequestParam(required = false) String groupBy) {
        List<FieldError> errors = new ArrayList<>();
        CostWindow costWindow = null;
        try {
            costWindow = CostWindows.parse(window, reporting.now());
        } catch (CostWindows.InvalidWindow invalid) {
            errors.add(new FieldError("window", "invalid", invalid.getMessage()));
        }
        Aggregate grouping = grouping(aggregate, groupBy, errors);
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        return CostsResponse.of(reporting.report(costWindow, grouping));
    }

    private static Aggregate grouping(String aggregate, String groupBy, List<FieldError> errors) {
        Optional<Aggregate> byAggregate = parse("aggregate", aggregate, errors);
        Optional<Aggregate> byGroupBy = parse("groupBy", groupBy, errors);
        if (byAggregate.isPresent() && byGroupBy.isPresent() && byAggregate.get() != byGroupBy.get()) {
            errors.add(new FieldError("groupBy", "conflict", "is an alias of aggregate and must not differ from it"));
        }
        return byAggregate.or(() -> byGroupBy).orElse(Aggregate.NAMESPACE);
    }

    private static Optional<Aggregate> parse(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Aggregate> parsed = Aggregate.parse(value.trim());
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, "unknown", "must be one of " + Aggregate.names()));
        }
        return parsed;
    }

    public record CostsResponse(WindowView window, String aggregate, String currency, List<Item> items, BigDecimal total) {

        static CostsResponse of(CostReport report) {
            List<Item> items = report.lines().stream()
                    .map(line -> new Item(line.key(), CostCalculator.forOutput(line.cost()), line.namespaces()))
                    .toList();
            return new CostsResponse(new WindowView(report.window().from(), report.window().to()),
                    report.aggregate().value(), CostCalculator.CURRENCY, items, CostCalculator.forOutput(report.total()));
        }
    }

    public record WindowView(Instant from, Instant to) {
    }

    /** @param namespaces how many namespaces were alive under this key in the window */
    public record Item(String key, BigDecimal cost, int namespaces) {
    }
}
