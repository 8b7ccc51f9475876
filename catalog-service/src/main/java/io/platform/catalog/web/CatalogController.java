package io.platform.catalog.web;

import io.platform.catalog.domain.CatalogRepository;
import io.platform.catalog.domain.FeatureDefinition;
import io.platform.catalog.domain.TierDefinition;
import io.platform.common.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read API of the catalog, for any authenticated caller. */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "Catalog", description = "Quota tiers and namespace features")
class CatalogController {

    private final CatalogRepository repository;

    CatalogController(CatalogRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/tiers")
    @Operation(summary = "List the quota tiers")
    List<TierView> tiers() {
        return repository.tiers().stream().map(TierView::of).toList();
    }

    @GetMapping("/tiers/{name}")
    @Operation(summary = "Get one quota tier")
    TierView tier(@PathVariable String name) {
        return repository.tier(name).map(TierView::of).orElseThrow(() -> ProblemException.notFound("tier '" + name + "'"));
    }

    @GetMapping("/features")
    @Operation(summary = "List the namespace features")
    List<FeatureView> features() {
        return repository.features().stream().map(FeatureView::of).toList();
    }

    @GetMapping("/features/{name}")
    @Operation(summary = "Get one namespace feature")
    FeatureView feature(@PathVariable String name) {
        return repository.feature(name).map(FeatureView::of).orElseThrow(() -> ProblemException.notFound("feature '" + name + "'"));
    }

    record Money(BigDecimal amount, String currency) {
    }

    record Quota(String cpu, String memory, String storage, int pods, int services, int persistentVolumeClaims) {
    }

    record ContainerDefaults(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
    }

    record TierView(String name, String description, Quota quota, ContainerDefaults containerDefaults, Money monthlyCost,
                    int revision) {
        static TierView of(TierDefinition definition) {
            var tier = definition.tier();
            return new TierView(tier.name(), tier.description(),
                    new Quota(tier.cpu(), tier.memory(), tier.storage(), tier.pods(), tier.services(), tier.persistentVolumeClaims()),
                    new ContainerDefaults(tier.defaultCpuRequest(), tier.defaultCpuLimit(), tier.defaultMemoryRequest(),
                            tier.defaultMemoryLimit()),
                    new Money(BigDecimal.valueOf(tier.monthlyCostCents(), 2), "USD"), definition.revision());
        }
    }

    record FeatureView(String name, String description, Map<String, String> labels, Map<String, String> annotations,
                       int revision) {
        static FeatureView of(FeatureDefinition definition) {
            var feature = definition.feature();
            return new FeatureView(feature.name(), feature.description(), feature.labels(), feature.annotations(),
                    definition.revision());
        }
    }
}
