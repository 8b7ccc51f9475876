package io.platform.analytics.web;

import io.platform.analytics.domain.CostWindow;
import io.platform.analytics.domain.CostWindows;
import io.platform.analytics.domain.ResourceReport;
import io.platform.analytics.domain.Steps;
import io.platform.analytics.domain.UsageReport;
import io.platform.analytics.domain.UsageStore;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Usage over time and quota allocated now. Role {@code analytics:read} (or admin); JSON or CSV. */
@RestController
@RequestMapping(path = "/api/v1/analytics")
public class UsageController {

    private final UsageStore store;
    private final CatalogReplica catalog;
    private final Clock clock;

    public UsageController(UsageStore store, CatalogReplica catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * {@code window}: as for costs, default {@code 30d}; {@code step}: default {@code 1d}. One entry per step:
     * namespaces alive at its end by tier, environment and status, requests made, failures, provisioning latency.
     */
    @GetMapping(path = "/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public UsageReport usage(@RequestParam(required = false) String window, @RequestParam(required = false) String step) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        CostWindow usageWindow = null;
        Duration stepLength = null;
        try {
            usageWindow = CostWindows.parse(window == null || window.isBlank() ? "30d" : window, now);
        } catch (CostWindows.InvalidWindow invalid) {
            errors.add(new FieldError("window", "invalid", invalid.getMessage()));
        }
        try {
            stepLength = Steps.parse(step == null || step.isBlank() ? "1d" : step);
            if (usageWindow != null) {
                Steps.checkCount(usageWindow, stepLength);
            }
        } catch (CostWindows.InvalidWindow invalid) {
            errors.add(new FieldError("step", "invalid", invalid.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        return UsageReport.of(store.tierIntervals(usageWindow), store.requests(usageWindow), usageWindow, stepLength, now);
    }

    /** CSV: one line per step and metric ({@code namespaces}, {@code byTier}, ... with their key). */
    @GetMapping(path = "/usage", produces = Csv.MEDIA_TYPE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public String usageCsv(@RequestParam(required = false) String window, @RequestParam(required = false) String step) {
        UsageReport report = usage(window, step);
        Csv csv = new Csv("from", "to", "metric", "key", "value");
        for (UsageReport.Step part : report.steps()) {
            csv.row(part.from(), part.to(), "namespaces", "alive", part.namespaces());
            rows(csv, part, "byTier", part.byTier());
            rows(csv, part, "byEnvironment", part.byEnvironment());
            rows(csv, part, "byStatus", part.byStatus());
            rows(csv, part, "requests", part.requests());
            rows(csv, part, "failures", part.failures());
            UsageReport.Latency latency = part.provisioningLatency();
            csv.row(part.from(), part.to(), "provisioningLatencyMs", "count", latency.count());
            csv.row(part.from(), part.to(), "provisioningLatencyMs", "p50", latency.p50());
            csv.row(part.from(), part.to(), "provisioningLatencyMs", "p90", latency.p90());
            csv.row(part.from(), part.to(), "provisioningLatencyMs", "p99", latency.p99());
            csv.row(part.from(), part.to(), "provisioningLatencyMs", "max", latency.max());
        }
        return csv.toString();
    }

    /** Namespaces alive now per team and tier, and the ResourceQuota they add up to (cpu in cores, bytes). */
    @GetMapping(path = "/resources", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public ResourceReport resources() {
        return ResourceReport.of(store.aliveNamespaces(), tier -> catalog.tier(tier).map(info -> new ResourceReport.TierQuota(
                info.cpu(), info.memory(), info.storage(), info.pods(), info.services(), info.persistentVolumeClaims())),
                clock.instant());
    }

    @GetMapping(path = "/resources", produces = Csv.MEDIA_TYPE)
    @PreAuthorize("hasAuthority('analytics:read')")
    public String resourcesCsv() {
        Csv csv = new Csv("team", "tier", "namespaces", "quota_known", "cpu_cores", "memory_bytes", "storage_bytes", "pods",
                "services", "persistent_volume_claims");
        resources().items().forEach(line -> csv.row(line.team(), line.tier(), line.namespaces(), line.quotaKnown(),
                line.cpu().toPlainString(), line.memory().toPlainString(), line.storage().toPlainString(), line.pods(),
                line.services(), line.persistentVolumeClaims()));
        return csv.toString();
    }

    private static void rows(Csv csv, UsageReport.Step part, String metric, Map<String, Integer> values) {
        values.forEach((key, value) -> csv.row(part.from(), part.to(), metric, key, value));
    }
}
