package io.platform.catalog.web;

import io.platform.catalog.domain.TemplateCatalog;
import io.platform.catalog.domain.TemplateDraft;
import io.platform.catalog.domain.TemplateVersion;
import io.platform.common.security.Caller;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Service templates: search and read for every authenticated caller; publish and deprecate for catalog admins. */
@RestController
@RequestMapping("/api/v1/catalog/templates")
@Tag(name = "Service templates", description = "Versioned, immutable templates teams deploy into their namespaces")
class TemplateController {

    static final String PATH = "/api/v1/catalog/templates/";

    private final TemplateCatalog catalog;

    TemplateController(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List or search template versions",
            description = "By name, tag, environment, tier or text in name/description; newest version first. "
                    + "Deprecated versions only with includeDeprecated=true.")
    List<Views.TemplateSummary> search(@RequestParam(required = false) String name, @RequestParam(required = false) String tag,
                                       @RequestParam(required = false) String environment,
                                       @RequestParam(required = false) String tier,
                                       @RequestParam(name = "q", required = false) String text,
                                       @RequestParam(defaultValue = "false") boolean includeDeprecated) {
        return catalog.search(new TemplateCatalog.Query(name, tag, environment, tier, text, includeDeprecated)).stream()
                .map(Views.TemplateSummary::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Every version of a template, newest first (deprecated ones included)")
    List<Views.TemplateSummary> versions(@PathVariable String name) {
        return catalog.versions(name).stream().map(Views.TemplateSummary::of).toList();
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "One template version with its parameter schema and manifests")
    Views.TemplateDetail version(@PathVariable String name, @PathVariable String version) {
        return Views.TemplateDetail.of(catalog.get(name, version));
    }

    record Resources(String cpu, String memory, String storage) {
    }

    record Money(BigDecimal amount, String currency) {
    }

    record PublishTemplate(String name, String version, String description, String owner, List<String> tags,
                           List<String> environments, List<String> tiers, JsonNode parameterSchema, String manifests,
                           Resources resources, Money monthlyCost) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('catalog:admin')")
    @Operation(summary = "Publish a new template version",
            description = "201 with the version; 400 naming every invalid field (schema, manifests rendered with the "
                    + "schema's defaults/examples, quantities); 409 when the version exists (versions are immutable).")
    ResponseEntity<Views.TemplateDetail> publish(@RequestBody PublishTemplate body, Caller caller) {
        Resources resources = body.resources() == null ? new Resources(null, null, null) : body.resources();
        TemplateDraft draft = new TemplateDraft(body.name(), body.version(), body.description(), body.owner(), body.tags(),
                body.environments(), body.tiers(), body.parameterSchema() == null ? null : body.parameterSchema().toString(),
                body.manifests(), resources.cpu(), resources.memory(), resources.storage(), cents(body.monthlyCost()));
        TemplateVersion published = catalog.publish(draft, caller.subject());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(PATH + published.name() + "/versions/" + published.version()))
                .body(Views.TemplateDetail.of(published));
    }

    record Deprecation(String note) {
    }

    @PostMapping("/{name}/versions/{version}/deprecate")
    @PreAuthorize("hasAuthority('catalog:admin')")
    @Operation(summary = "Deprecate a template version",
            description = "It takes no new instances; running instances keep working. Idempotent.")
    Views.TemplateDetail deprecate(@PathVariable String name, @PathVariable String version,
                                   @RequestBody(required = false) Deprecation body) {
        return Views.TemplateDetail.of(catalog.deprecate(name, version, body == null ? null : body.note()));
    }

    private static Long cents(Money money) {
        if (money == null || money.amount() == null) {
            return null;
        }
        if (money.currency() != null && !"USD".equals(money.currency())) {
            throw new ValidationProblem(List.of(new FieldError("monthlyCost.currency", "currency", "prices are in USD")), true);
        }
        if (money.amount().scale() > 2 || money.amount().signum() < 0) {
            throw new ValidationProblem(List.of(new FieldError("monthlyCost.amount", "amount",
                    "a non-negative amount with at most two decimals")), true);
        }
        return money.amount().movePointRight(2).longValueExact();
    }
}
