package io.platform.analytics.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.platform.analytics.domain.Aggregate;
import io.platform.analytics.domain.CostCalculator;
import io.platform.analytics.domain.CostReport;
import io.platform.analytics.domain.CostReporting;
import io.platform.analytics.domain.CostWindow;
import io.platform.analytics.domain.CostWindows;
import io.platform.analytics.domain.Steps;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import java.math.BigDecimal;
import java.time.Duration;
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

/** Namespace costs, pro-rated per calendar month and grouped (OpenCost-like window / aggregate / step). */
@RestController
@RequestMapping(path = "/api/v1/analytics")
public class CostsController {

    private final CostReporting reporting;

    public CostsController(CostReporting reporting) {
        this.reporting = reporting;
    }

    /**
     * {@code window}: month (default) | {@code <n>d} | {@code <from>,<to>}; {@code aggregate} (alias {@code groupBy}):
     * team | environment | tier | costCenter | namespace (default); {@code step}: {@code <n>d} | {@code <n>h}, adds
     * {@code steps}. Role {@code analytics:read} (or admin).
     */
    @GetMapping(path = "/costs", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public CostsResponse costs(@RequestParam(required = false) String window,
                               @RequestParam(required = false) String aggregate,
                               @RequestParam(required = false) String groupBy,
                               @RequestParam(required = false) String step) {
        Query query = query(window, aggregate, groupBy, step);
        if (query.step() == null) {
            return CostsResponse.of(reporting.report(query.window(), query.aggregate()), null, null);
        }
        CostReporting.SteppedReport report = reporting.report(query.window(), query.aggregate(), query.step());
        return CostsResponse.of(report.whole(), step.trim(), report.steps().stream().map(StepView::of).toList());
    }

    /** The same as CSV: one line per key (and per step when {@code step} is given). */
    @GetMapping(path = "/costs", produces = Csv.MEDIA_TYPE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public String costsCsv(@RequestParam(required = false) String window,
                           @RequestParam(required = false) String aggregate,
                           @RequestParam(required = false) String groupBy,
                           @RequestParam(required = false) String step) {
        CostsResponse response = costs(window, aggregate, groupBy, step);
        Csv csv = new Csv("from", "to", "aggregate", "key", "cost_usd", "namespaces");
        if (response.steps() == null) {
            response.items().forEach(item -> csv.row(response.window().from(), response.window().to(), response.aggregate(),
                    item.key(), item.cost(), item.namespaces()));
        } else {
            response.steps().forEach(part -> part.items().forEach(item -> csv.row(part.window().from(), part.window().to(),
                    response.aggregate(), item.key(), item.cost(), item.namespaces())));
        }
        return csv.toString();
    }

    private Query query(String window, String aggregate, String groupBy, String step) {
        List<FieldError> errors = new ArrayList<>();
        CostWindow costWindow = null;
        try {
            costWindow = CostWindows.parse(window, reporting.now());
        } catch (CostWindows.InvalidWindow invalid) {
            errors.add(new FieldError("window", "invalid", invalid.getMessage()));
        }
        Aggregate grouping = grouping(aggregate, groupBy, errors);
        Duration stepLength = null;
        if (step != null && !step.isBlank()) {
            try {
                stepLength = Steps.parse(step);
                if (costWindow != null) {
                    Steps.checkCount(costWindow, stepLength);
                }
            } catch (CostWindows.InvalidWindow invalid) {
                errors.add(new FieldError("step", "invalid", invalid.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        return new Query(costWindow, grouping, stepLength);
    }

    private record Query(CostWindow window, Aggregate aggregate, Duration step) {
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

    /**
     * @param step  the step as asked ({@code 1d}), absent without one
     * @param steps one entry per step, absent without a step
     */
    public record CostsResponse(WindowView window, String aggregate, String currency, List<Item> items, BigDecimal total,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String step,
                                @JsonInclude(JsonInclude.Include.NON_NULL) List<StepView> steps) {

        static CostsResponse of(CostReport report, String step, List<StepView> steps) {
            return new CostsResponse(new WindowView(report.window().from(), report.window().to()),
                    report.aggregate().value(), CostCalculator.CURRENCY, CostsController.items(report),
                    CostCalculator.forOutput(report.total()), step, steps);
        }
    }

    public record StepView(WindowView window, List<Item> items, BigDecimal total) {
        static StepView of(CostReport report) {
            return new StepView(new WindowView(report.window().from(), report.window().to()), CostsController.items(report),
                    CostCalculator.forOutput(report.total()));
        }
    }

    private static List<Item> items(CostReport report) {
        return report.lines().stream()
                .map(line -> new Item(line.key(), CostCalculator.forOutput(line.cost()), line.namespaces()))
                .toList();
    }

    public record WindowView(Instant from, Instant to) {
    }

    /** @param namespaces how many namespaces were alive under this key in the window */
    public record Item(String key, BigDecimal cost, int namespaces) {
    }
}
