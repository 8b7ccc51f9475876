package io.platform.catalog.domain;

import io.platform.templates.CompiledTemplate;
import io.platform.catalog.domain.template.SemanticVersion;
import io.platform.templates.TemplateContent;
import io.platform.templates.TemplateProblem;
import io.platform.rules.Environment;
import io.platform.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service templates: searching them, publishing a new immutable version (validated, stored and on the catalog
 * topic in one unit of work: the transaction commits only after the broker acknowledged the event) and deprecating
 * one. A deprecated version stays instantiable for what already runs but takes no new instances.
 */
public final class TemplateCatalog {

    private static final Pattern NAME = Pattern.compile("^[a-z]([-a-z0-9]{1,61}[a-z0-9])$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,30}[a-z0-9])?$");

    private final TemplateRepository templates;
    private final CatalogRepository catalog;
    private final CatalogPublication publication;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Map<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();

    public TemplateCatalog(TemplateRepository templates, CatalogRepository catalog, CatalogPublication publication,
                           UnitOfWork unitOfWork, Clock clock) {
        this.templates = templates;
        this.catalog = catalog;
        this.publication = publication;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    /** What to look for; every criterion is optional. */
    public record Query(String name, String tag, String environment, String tier, String text, boolean includeDeprecated) {
    }

    /** Template versions matching the query, by name and then newest version first. */
    public List<TemplateVersion> search(Query query) {
        String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        return templates.all().stream()
                .filter(t -> query.includeDeprecated() || !t.deprecated())
                .filter(t -> query.name() == null || t.name().equals(query.name()))
                .filter(t -> query.tag() == null || t.tags().contains(query.tag()))
                .filter(t -> query.environment() == null || t.content().environments().isEmpty()
                        || t.content().environments().contains(query.environment()))
                .filter(t -> query.tier() == null || t.content().tiers().isEmpty() || t.content().tiers().contains(query.tier()))
                .filter(t -> text == null || t.name().contains(text) || t.description().toLowerCase(Locale.ROOT).contains(text))
                .sorted(ORDER)
                .toList();
    }

    /** By name, newest version first. */
    public static final Comparator<TemplateVersion> ORDER = Comparator.comparing(TemplateVersion::name)
            .thenComparing(t -> SemanticVersion.parse(t.version()).orElseThrow(), Comparator.reverseOrder());

    public List<TemplateVersion> versions(String name) {
        List<TemplateVersion> versions = templates.versions(name).stream().sorted(ORDER).toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("template '" + name + "'");
        }
        return versions;
    }

    public TemplateVersion get(String name, String version) {
        return templates.find(name, version).orElseThrow(() -> new NotFoundException("template " + name + "@" + version));
    }

    public Optional<TemplateVersion> find(String name, String version) {
        return templates.find(name, version);
    }

    /** The compiled form of a stored version (versions are immutable, so it is compiled once). */
    public CompiledTemplate compiled(TemplateVersion version) {
        return compiled.computeIfAbsent(version.name() + "@" + version.version(), key -> CompiledTemplate.compile(version.content()));
    }

    /**
     * Validates and publishes a new version.
     *
     * @throws TemplateProblem         every problem of the draft, named by field
     * @throws VersionExistsException  when the version exists already
     */
    public TemplateVersion publish(TemplateDraft draft, String actor) {
        List<Violation> violations = new ArrayList<>(validate(draft));
        TemplateContent content = new TemplateContent(draft.name(), draft.version(), draft.parameterSchema(), draft.manifests(),
                orZero(draft.cpu()), orZero(draft.memory()), orZero(draft.storage()),
                draft.monthlyCostCents() == null ? 0 : draft.monthlyCostCents(), draft.environments(), draft.tiers(), false);
        if (violations.isEmpty() && templates.find(draft.name(), draft.version()).isPresent()) {
            throw new VersionExistsException(draft.name(), draft.version());
        }
        try {
            CompiledTemplate.compile(content).checkWithSample();
        } catch (TemplateProblem e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TemplateVersion version = new TemplateVersion(content, draft.description() == null ? "" : draft.description(),
                draft.owner(), draft.tags(), null, 1, actor, now, now);
        return unitOfWork.inTransaction(() -> {
            if (!templates.insert(version)) {
                throw new VersionExistsException(draft.name(), draft.version());
            }
            publication.publishTemplate(version);
            return version;
        });
    }

    /** Deprecates a version (idempotent): it is republished with {@code deprecated=true} under a new revision. */
    public TemplateVersion deprecate(String name, String version, String note) {
        TemplateVersion current = get(name, version);
        if (current.deprecated()) {
            return current;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return unitOfWork.inTransaction(() -> {
            TemplateVersion deprecated = templates.deprecate(name, version, note, now)
                    .orElseThrow(() -> new NotFoundException("template " + name + "@" + version));
            publication.publishTemplate(deprecated);
            return deprecated;
        });
    }

    private List<Violation> validate(TemplateDraft draft) {
        List<Violation> violations = new ArrayList<>();
        if (draft.name() == null || !NAME.matcher(draft.name()).matches()) {
            violations.add(new Violation("name", "pattern",
                    "must be 3-63 lower-case letters, digits and '-', starting with a letter"));
        }
        if (draft.version() == null || SemanticVersion.parse(draft.version()).isEmpty()) {
            violations.add(new Violation("version", "semver",
                    "must be a semantic version MAJOR.MINOR.PATCH with an optional -pre.release (no +build metadata)"));
        }
        if (draft.owner() == null || draft.owner().isBlank() || draft.owner().length() > 128) {
            violations.add(new Violation("owner", "required", "name the team or person owning the template (at most 128 characters)"));
        }
        if (draft.description() != null && draft.description().length() > 2000) {
            violations.add(new Violation("description", "size", "must have at most 2000 characters"));
        }
        List<String> tags = draft.tags() == null ? List.of() : draft.tags();
        if (tags.size() > 20) {
            violations.add(new Violation("tags", "size", "at most 20 tags"));
        }
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null || !TAG.matcher(tags.get(i)).matches()) {
                violations.add(new Violation("tags[" + i + "]", "pattern", "lower-case letters, digits, '-' and '.', at most 32"));
            }
        }
        List<String> environments = draft.environments() == null ? List.of() : draft.environments();
        for (int i = 0; i < environments.size(); i++) {
            if (Environment.fromValue(environments.get(i)).isEmpty()) {
                violations.add(new Violation("environments[" + i + "]", "unknown-environment",
                        "must be one of " + Environment.allowedValues()));
            }
        }
        List<String> tiers = draft.tiers() == null ? List.of() : draft.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == null || catalog.tier(tiers.get(i)).isEmpty()) {
                violations.add(new Violation("tiers[" + i + "]", "unknown-tier", "'" + tiers.get(i) + "' is not a tier of the catalog"));
            }
        }
        if (draft.monthlyCostCents() == null || draft.monthlyCostCents() < 0) {
            violations.add(new Violation("monthlyCost", "required", "the monthly cost of one instance, zero or more"));
        }
        return violations;
    }

    private static String orZero(String quantity) {
        return quantity == null || quantity.isBlank() ? "0" : quantity;
    }
}
