package io.platform.templates;

import io.platform.rules.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A template version ready to be instantiated: its parameter schema and manifests compiled and cross-checked. */
public final class CompiledTemplate {

    /** Instance names: a DNS label short enough for the names controllers derive from it (pods of a StatefulSet). */
    public static final Pattern INSTANCE_NAME = Pattern.compile("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$");

    private final TemplateContent content;
    private final ParameterSchema schema;
    private final ManifestTemplate manifests;
    private final BigDecimal cpu;
    private final BigDecimal memory;
    private final BigDecimal storage;

    private CompiledTemplate(TemplateContent content, ParameterSchema schema, ManifestTemplate manifests) {
        this.content = content;
        this.schema = schema;
        this.manifests = manifests;
        this.cpu = Quantities.parse(content.cpu());
        this.memory = Quantities.parse(content.memory());
        this.storage = Quantities.parse(content.storage());
    }

    /**
     * Compiles the schema and the manifests and checks that every name the manifests reference is a parameter or a
     * built-in value, and that the declared resources are quantities.
     *
     * @throws TemplateProblem (validate) with every problem found
     */
    public static CompiledTemplate compile(TemplateContent content) {
        List<Violation> violations = new ArrayList<>();
        ParameterSchema schema = null;
        ManifestTemplate manifests = null;
        try {
            schema = ParameterSchema.compile(content.parameterSchema());
        } catch (TemplateProblem e) {
            violations.addAll(e.violations());
        }
        try {
            manifests = ManifestTemplate.compile(content.manifests());
        } catch (TemplateProblem e) {
            violations.addAll(e.violations());
        }
        if (schema != null && manifests != null) {
            Set<String> unknown = new LinkedHashSet<>();
            for (ManifestTemplate.Reference reference : manifests.references()) {
                if (!schema.resolves(reference.name(), reference.sections())) {
                    unknown.add(reference.name());
                }
            }
            unknown.forEach(name -> violations.add(new Violation("manifests", "unknown-parameter", "references {{" + name
                    + "}}, which is neither a parameter of the schema nor one of " + ManifestTemplate.BUILT_INS)));
        }
        quantity("resources.cpu", content.cpu(), violations);
        quantity("resources.memory", content.memory(), violations);
        quantity("resources.storage", content.storage(), violations);
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        return new CompiledTemplate(content, schema, manifests);
    }

    private static void quantity(String field, String value, List<Violation> violations) {
        if (!Quantities.isValid(value)) {
            violations.add(new Violation(field, "quantity", "'" + value + "' is not a Kubernetes quantity (e.g. 500m, 512Mi, 10Gi)"));
        }
    }

    public TemplateContent content() {
        return content;
    }

    public ParameterSchema schema() {
        return schema;
    }

    /**
     * Renders the manifests with the schema's sample parameters and checks the objects, as a publish-time proof that
     * the template produces valid objects.
     *
     * @throws TemplateProblem (validate) naming what is wrong with the rendered objects
     */
    public List<RenderedObject> checkWithSample() {
        ObjectNode sample = schema.sample();
        List<Violation> violations = new ArrayList<>(schema.validate(sample).stream()
                .map(v -> new Violation("parameterSchema", "inconsistent", "its defaults/examples do not satisfy it: "
                        + v.field() + " " + v.message())).toList());
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        try {
            return ManifestTemplate.parse(manifests.render(ManifestTemplate.model(ParameterSchema.toMap(schema.withDefaults(sample)),
                    "example", "example", content.name(), content.version())));
        } catch (TemplateProblem e) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, e.violations());
        }
    }

    /** Whether the template may be deployed into a namespace of that environment and tier. */
    public List<Violation> allows(String environment, String tier) {
        List<Violation> violations = new ArrayList<>();
        if (!content.environments().isEmpty() && !content.environments().contains(environment)) {
            violations.add(new Violation("template", "environment-not-allowed", content.name() + "@" + content.version()
                    + " may be deployed in " + content.environments() + ", not in " + environment));
        }
        if (!content.tiers().isEmpty() && !content.tiers().contains(tier)) {
            violations.add(new Violation("template", "tier-not-allowed", content.name() + "@" + content.version()
                    + " may be deployed in tiers " + content.tiers() + ", not in " + tier));
        }
        return violations;
    }

    /** An instance rendered: the effective parameters, the YAML, the objects and what they request. */
    public record Instantiation(ObjectNode parameters, String manifests, List<RenderedObject> objects, ResourceUsage usage) {

        public List<String> objectRefs() {
            return objects.stream().map(RenderedObject::ref).toList();
        }
    }

    /**
     * Validates the parameters (defaults applied), renders the manifests and computes what the instance requests.
     *
     * @throws TemplateProblem validate (instance name, parameters) or render (the objects)
     */
    public Instantiation instantiate(String namespace, String instanceName, JsonNode parameters, TierQuota quota) {
        List<Violation> violations = new ArrayList<>();
        if (instanceName == null || !INSTANCE_NAME.matcher(instanceName).matches()) {
            violations.add(new Violation("instanceName", "pattern",
                    "must start with a letter, hold only lower-case letters, digits and '-', and have at most 40 characters"));
        }
        ObjectNode effective = schema.withDefaults(parameters);
        violations.addAll(parameters == null || parameters.isObject() ? schema.validate(effective)
                : List.of(new Violation("parameters", "type", "must be a JSON object")));
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        String yaml = manifests.render(ManifestTemplate.model(ParameterSchema.toMap(effective), namespace, instanceName,
                content.name(), content.version()));
        List<RenderedObject> objects = ManifestTemplate.parse(yaml);
        ResourceUsage usage = UsageCalculator.usage(objects, quota).atLeast(cpu, memory, storage);
        return new Instantiation(effective, yaml, objects, usage);
    }
}
