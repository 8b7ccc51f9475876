package io.platform.catalog.web;

import io.platform.catalog.domain.InstanceService;
import io.platform.catalog.domain.ServiceInstance;
import io.platform.catalog.domain.TemplateVersion;
import io.platform.templates.ParameterSchema;
import io.platform.templates.QuotaCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the template and instance APIs answer. */
final class Views {

    private Views() {
    }

    record Money(BigDecimal amount, String currency) {
        static Money usd(long cents) {
            return new Money(BigDecimal.valueOf(cents, 2), "USD");
        }
    }

    record Resources(String cpu, String memory, String storage) {
    }

    record TemplateSummary(String name, String version, String description, String owner, List<String> tags,
                           List<String> environments, List<String> tiers, Resources resources, Money monthlyCost,
                           boolean deprecated, int revision, String publishedBy, Instant publishedAt) {
        static TemplateSummary of(TemplateVersion t) {
            var c = t.content();
            return new TemplateSummary(t.name(), t.version(), t.description(), t.owner(), t.tags(), c.environments(),
                    c.tiers(), new Resources(c.cpu(), c.memory(), c.storage()), Money.usd(c.monthlyCostCents()),
                    t.deprecated(), t.revision(), t.publishedBy(), t.publishedAt());
        }
    }

    record TemplateDetail(String name, String version, String description, String owner, List<String> tags,
                          List<String> environments, List<String> tiers, Resources resources, Money monthlyCost,
                          boolean deprecated, String deprecationNote, int revision, String publishedBy,
                          Instant publishedAt, JsonNode parameterSchema, String manifests) {
        static TemplateDetail of(TemplateVersion t) {
            var c = t.content();
            return new TemplateDetail(t.name(), t.version(), t.description(), t.owner(), t.tags(), c.environments(),
                    c.tiers(), new Resources(c.cpu(), c.memory(), c.storage()), Money.usd(c.monthlyCostCents()),
                    t.deprecated(), t.deprecationNote(), t.revision(), t.publishedBy(), t.publishedAt(),
                    ParameterSchema.parse(c.parameterSchema()), c.manifests());
        }
    }

    record QuotaView(String tier, boolean fits, List<QuotaCheck.Line> lines) {
        static QuotaView of(QuotaCheck check) {
            return new QuotaView(check.tier(), check.fits(), check.lines());
        }
    }

    record Failure(String step, String reason) {
    }

    record InstanceView(String namespace, String instanceName, String template, String version, String status,
                        JsonNode parameters, List<String> objects, Map<String, String> resources, Money monthlyCost,
                        Failure failure, String requestId, String requestedBy, Instant createdAt, Instant updatedAt) {
        static InstanceView of(ServiceInstance i) {
            return new InstanceView(i.namespace(), i.instanceName(), i.template(), i.version(), i.status().name(),
                    ParameterSchema.parse(i.parameters()), i.objects(), i.usage(), Money.usd(i.monthlyCostCents()),
                    i.failureReason() == null ? null : new Failure(i.failureStep(), i.failureReason()), i.requestId(),
                    i.requestedBy(), i.createdAt(), i.updatedAt());
        }
    }

    record DryRunView(boolean dryRun, String namespace, String instanceName, String template, String version,
                      JsonNode parameters, List<String> objects, String manifests, Map<String, String> resources,
                      QuotaView quota, Money monthlyCost) {
        static DryRunView of(InstanceService.DryRun run) {
            var instantiation = run.instantiation();
            return new DryRunView(true, run.namespace(), run.instanceName(), run.template().name(), run.template().version(),
                    instantiation.parameters(), instantiation.objectRefs(), instantiation.manifests(),
                    instantiation.usage().toQuantities(), QuotaView.of(run.quota()),
                    Money.usd(run.template().content().monthlyCostCents()));
        }
    }
}
