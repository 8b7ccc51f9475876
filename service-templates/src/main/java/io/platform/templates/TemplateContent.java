package io.platform.templates;

import java.util.List;

/**
 * Everything that defines one immutable template version, as the catalog stores and publishes it
 * ({@code TemplateDefined}).
 *
 * @param cpu              CPU one instance requests at least (Kubernetes quantity)
 * @param memory           memory one instance requests at least
 * @param storage          storage one instance requests at least
 * @param monthlyCostCents what one instance costs per month, in US cents
 * @param environments     environments it may be deployed in; empty = all
 * @param tiers            tiers it may be deployed in; empty = all
 */
public record TemplateContent(String name, String version, String parameterSchema, String manifests, String cpu,
                              String memory, String storage, long monthlyCostCents, List<String> environments,
                              List<String> tiers, boolean deprecated) {

    public TemplateContent {
        environments = environments == null ? List.of() : List.copyOf(environments);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
}
