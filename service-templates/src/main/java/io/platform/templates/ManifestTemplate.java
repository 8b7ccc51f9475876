package io.platform.templates;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import io.platform.rules.Violation;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.AccessibleObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests of a template: Mustache text (mustache.java) rendering multi-document YAML.
 *
 * <p>Every {@code {{value}}} (also {@code {{{value}}}} and {@code {{&value}}}) renders as a JSON literal: a string in
 * double quotes with JSON escapes, a number, {@code true}/{@code false}, or a list/object in flow style. YAML reads a
 * JSON literal as exactly that value, so no parameter can change the structure of a manifest, whatever characters it
 * holds. The consequence for template authors: a value is a whole YAML scalar ({@code image: {{image}}}), never glued
 * to other text. Sections ({@code {{#ingress.enabled}}...{{/ingress.enabled}}}, lists) and inverted sections work as
 * usual. Partials are refused, and only map keys are visible to the template (no Java methods or fields).
 */
public final class ManifestTemplate {

    /** Values every template may reference besides its parameters. */
    public static final Set<String> BUILT_INS = Set.of("instance", "namespace", "template", "version");

    /**
     * What a template may create: namespaced application objects only (no RBAC, no cluster-scoped kinds), exactly the
     * kinds provisioning-service's ClusterRole grants (deploy/base/rbac): a kind outside it would be refused by a real
     * API server at apply time, so it is refused when the template is published instead.
     */
    public static final Map<String, Set<String>> ALLOWED_KINDS = Map.of(
            "v1", Set.of("ConfigMap", "Secret", "Service", "PersistentVolumeClaim"),
            "apps/v1", Set.of("Deployment", "StatefulSet"),
            "batch/v1", Set.of("CronJob"),
            "networking.k8s.io/v1", Set.of("Ingress"));

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String text;
    private final Mustache mustache;

    private ManifestTemplate(String text, Mustache mustache) {
        this.text = text;
        this.mustache = mustache;
    }

    /** @throws TemplateProblem (step validate, field {@code manifests}) when the text is not a valid template */
    public static ManifestTemplate compile(String text) {
        if (text == null || text.isBlank()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE,
                    List.of(new Violation("manifests", "required", "must hold at least one Kubernetes object")));
        }
        try {
            return new ManifestTemplate(text, factory().compile(new StringReader(text), "manifests"));
        } catch (MustacheException | IllegalArgumentException e) {
            throw new TemplateProblem(TemplateProblem.VALIDATE,
                    List.of(new Violation("manifests", "syntax", "is not a valid Mustache template: " + e.getMessage())));
        }
    }

    public String text() {
        return text;
    }

    /** A name the template references and the sections it appears in (innermost last). */
    public record Reference(String name, List<String> sections) {
    }

    /** Every value and section name the template references, with its enclosing sections. */
    public List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        collect(mustache.getCodes(), new ArrayList<>(), references);
        return references;
    }

    private static void collect(Code[] codes, List<String> sections, List<Reference> into) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof ValueCode) {
                into.add(new Reference(code.getName(), List.copyOf(sections)));
            } else if (code instanceof IterableCode || code instanceof NotIterableCode) {
                into.add(new Reference(code.getName(), List.copyOf(sections)));
                List<String> inner = new ArrayList<>(sections);
                if (code instanceof IterableCode && !(code instanceof NotIterableCode)) {
                    inner.add(code.getName());
                }
                collect(code.getCodes(), inner, into);
            } else {
                collect(code.getCodes(), sections, into);
            }
        }
    }

    /** Renders the YAML text with the model (parameters plus the built-in values). */
    public String render(Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MustacheException e) {
            throw new TemplateProblem(TemplateProblem.RENDER,
                    List.of(new Violation("manifests", "render", "could not be rendered: " + e.getMessage())));
        }
        return out.toString();
    }

    /**
     * Parses rendered YAML into objects and checks each is one a template may create: an allowed kind with a
     * DNS-label name, no namespace of its own (the platform sets it), unique, and a Secret only as a list of keys to
     * generate, never with values.
     *
     * @throws TemplateProblem (step render) naming every offending document
     */
    @SuppressWarnings("unchecked")
    public static List<RenderedObject> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> iterator = YAML.readerFor(Object.class).readValues(yaml)) {
            while (iterator.hasNextValue()) {
                Object document = iterator.nextValue();
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new TemplateProblem(TemplateProblem.RENDER, List.of(new Violation("manifests[" + documents.size() + "]",
                            "not-an-object", "every YAML document must be a Kubernetes object (a mapping)")));
                }
                documents.add((Map<String, Object>) map);
            }
        } catch (JacksonException e) {
            throw new TemplateProblem(TemplateProblem.RENDER, List.of(new Violation("manifests", "yaml",
                    "the rendered manifests are not valid YAML: " + e.getOriginalMessage())));
        }
        List<Violation> violations = new ArrayList<>();
        List<RenderedObject> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String field = "manifests[" + i + "]";
            Map<String, Object> document = documents.get(i);
            String apiVersion = document.get("apiVersion") instanceof String s ? s : null;
            String kind = document.get("kind") instanceof String s ? s : null;
            Map<String, Object> metadata = document.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            String name = metadata != null && metadata.get("name") instanceof String s ? s : null;
            if (apiVersion == null || kind == null) {
                violations.add(new Violation(field, "kind", "needs apiVersion and kind"));
                continue;
            }
            if (!ALLOWED_KINDS.getOrDefault(apiVersion, Set.of()).contains(kind)) {
                violations.add(new Violation(field, "kind-not-allowed", apiVersion + " " + kind
                        + " may not be created by a template; allowed: " + new java.util.TreeMap<>(ALLOWED_KINDS)));
                continue;
            }
            if (name == null || name.length() > 63 || !NAME.matcher(name).matches()) {
                violations.add(new Violation(field + ".metadata.name", "pattern",
                        kind + " needs a name that is a DNS label (lower-case letters, digits and '-', at most 63)"));
                continue;
            }
            if (metadata.containsKey("namespace")) {
                violations.add(new Violation(field + ".metadata.namespace", "not-allowed",
                        "the platform places every object in the instance's namespace; remove metadata.namespace"));
            }
            if (!seen.add(kind + "/" + name)) {
                violations.add(new Violation(field, "duplicate", kind + "/" + name + " is rendered twice"));
            }
            RenderedObject object = new RenderedObject(apiVersion, kind, name, document);
            if (object.isSecret()) {
                if (document.containsKey("data") || document.containsKey("stringData")) {
                    violations.add(new Violation(field, "secret-value", "a template never carries secret values: "
                            + "list the keys to generate in the annotation " + RenderedObject.GENERATED_KEYS));
                }
                if (object.generatedKeys().isEmpty()) {
                    violations.add(new Violation(field, "secret-keys", "a Secret of a template needs the annotation "
                            + RenderedObject.GENERATED_KEYS + " listing the keys the platform generates"));
                }
                object.generatedKeys().stream().filter(key -> !SECRET_KEY.matcher(key).matches()).forEach(key ->
                        violations.add(new Violation(field, "secret-keys", "'" + key + "' is not a valid Secret key")));
            }
            if ("v1".equals(apiVersion) && "Service".equals(kind) && document.get("spec") instanceof Map<?, ?> spec
                    && "NodePort".equals(spec.get("type"))) {
                violations.add(new Violation(field + ".spec.type", "not-allowed",
                        "NodePort services take a port on every node of the cluster; use ClusterIP and an Ingress"));
            }
            objects.add(object);
        }
        if (objects.isEmpty() && violations.isEmpty()) {
            violations.add(new Violation("manifests", "empty", "renders no Kubernetes object"));
        }
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.RENDER, violations);
        }
        return List.copyOf(objects);
    }

    /** The rendering model: the parameters as plain maps and lists, and the built-in values. */
    public static Map<String, Object> model(Map<String, Object> parameters, String namespace, String instance,
                                            String template, String version) {
        Map<String, Object> model = new LinkedHashMap<>(parameters);
        model.put("instance", instance);
        model.put("namespace", namespace);
        model.put("template", template);
        model.put("version", version);
        return model;
    }

    private static DefaultMustacheFactory factory() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
            throw new IllegalArgumentException("partials ({{> " + name + "}}) are not supported");
        }) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    // already a JSON literal (see stringify below)
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new JsonLiteralObjectHandler());
        return factory;
    }

    /** Map keys only, values written as JSON literals. */
    private static final class JsonLiteralObjectHandler extends ReflectionObjectHandler {

        @Override
        public String stringify(Object object) {
            return JSON.writeValueAsString(object);
        }

        @Override
        protected AccessibleObject findMember(Class sClass, String name) {
            return null;
        }

        @Override
        protected boolean areMethodsAccessible(Map<?, ?> map) {
            return false;
        }
    }
}
