package io.platform.templates;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.platform.rules.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a template: a JSON Schema 2020-12 document, checked against the 2020-12 meta-schema and applied
 * by networknt's json-schema-validator (format assertions on, so {@code "format": "hostname"} is enforced). A
 * parameter schema must describe an object, be self-contained (only local {@code $ref}s: no schema is ever fetched
 * from elsewhere), and may not declare secret parameters (parameters travel in events; secrets are generated at
 * apply time).
 */
public final class ParameterSchema {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    // the meta-schemas ship inside the validator; nothing else is ever loaded
                    .schemaLoader(loader -> loader.block(iri -> !iri.toString().startsWith("https://json-schema.org/"))));
    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String text;
    private final ObjectNode node;
    private final Schema schema;

    private ParameterSchema(String text, ObjectNode node, Schema schema) {
        this.text = text;
        this.node = node;
        this.schema = schema;
    }

    /** @throws TemplateProblem (validate) naming every problem of the schema under {@code parameterSchema...} */
    public static ParameterSchema compile(String text) {
        JsonNode node;
        try {
            node = text == null ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            throw invalid("parameterSchema", "json", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid("parameterSchema", "type", "must be a JSON Schema object");
        }
        if (object.has("$schema") && !DIALECT.equals(object.get("$schema").asString())) {
            throw invalid("parameterSchema.$schema", "dialect", "must be " + DIALECT + " (JSON Schema 2020-12)");
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : META_SCHEMA.validate(object)) {
            violations.add(new Violation(field("parameterSchema", error), error.getKeyword() == null ? "schema" : error.getKeyword(),
                    error.getMessage()));
        }
        if (!object.path("type").isString() || !"object".equals(object.path("type").asString())) {
            violations.add(new Violation("parameterSchema.type", "type", "must be \"object\": parameters are named"));
        }
        checkNodes(object, "parameterSchema", violations);
        for (String builtIn : ManifestTemplate.BUILT_INS) {
            if (object.path("properties").has(builtIn)) {
                violations.add(new Violation("parameterSchema.properties." + builtIn, "reserved",
                        "'" + builtIn + "' is set by the platform and cannot be a parameter"));
            }
        }
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        try {
            Schema schema = REGISTRY.getSchema(object);
            schema.initializeValidators();
            return new ParameterSchema(text, object, schema);
        } catch (SchemaException e) {
            throw invalid("parameterSchema", "schema", "cannot be used: " + e.getMessage());
        }
    }

    private static void checkNodes(JsonNode node, String path, List<Violation> violations) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (("$ref".equals(key) || "$dynamicRef".equals(key)) && value.isString() && !value.asString().startsWith("#")) {
                    violations.add(new Violation(path + "." + key, "remote-ref",
                            "only local references (#/$defs/...) are allowed: the schema must be self-contained"));
                }
                if ("writeOnly".equals(key) && value.isBoolean() && value.asBoolean()) {
                    violations.add(new Violation(path, "secret-parameter", "parameters are not secret (they travel in "
                            + "events); let the platform generate secrets with a Secret annotated " + RenderedObject.GENERATED_KEYS));
                }
                if ("format".equals(key) && value.isString() && "password".equals(value.asString())) {
                    violations.add(new Violation(path, "secret-parameter", "password parameters are not allowed; "
                            + "let the platform generate them with a Secret annotated " + RenderedObject.GENERATED_KEYS));
                }
                checkNodes(value, path + "." + key, violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNodes(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    public String text() {
        return text;
    }

    public ObjectNode node() {
        return node;
    }

    /**
     * Checks parameters; each violation names the parameter ({@code parameters.replicas},
     * {@code parameters.ingress.host}) and the keyword it broke.
     */
    public List<Violation> validate(JsonNode parameters) {
        if (parameters == null || !parameters.isObject()) {
            return List.of(new Violation("parameters", "type", "must be a JSON object"));
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(parameters)) {
            violations.add(new Violation(field("parameters", error), error.getKeyword() == null ? "invalid" : error.getKeyword(),
                    error.getMessage()));
        }
        return violations;
    }

    /** Parses and validates parameters given as JSON text (as events carry them). */
    public List<Violation> validate(String parametersJson) {
        try {
            return validate(JSON.readTree(parametersJson == null ? "" : parametersJson));
        } catch (JacksonException e) {
            return List.of(new Violation("parameters", "json", "is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    /** The parameters with every missing property that has a {@code default} filled in, recursively. */
    public ObjectNode withDefaults(JsonNode parameters) {
        ObjectNode result = parameters != null && parameters.isObject() ? ((ObjectNode) parameters).deepCopy() : JSON.createObjectNode();
        applyDefaults(node, result);
        return result;
    }

    private static void applyDefaults(JsonNode schema, ObjectNode target) {
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode propertySchema = property.getValue();
            if (!target.has(property.getKey()) && propertySchema.has("default")) {
                target.set(property.getKey(), propertySchema.get("default").deepCopy());
            }
            if (target.get(property.getKey()) instanceof ObjectNode nested) {
                applyDefaults(propertySchema, nested);
            }
        }
    }

    /**
     * Parameters to check a template's manifests with when it is published: defaults, and for required parameters
     * without one their first example (or enum value, or const).
     */
    public ObjectNode sample() {
        List<Violation> violations = new ArrayList<>();
        ObjectNode sample = sample(node, "parameterSchema", violations);
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        return sample;
    }

    private static ObjectNode sample(JsonNode schema, String path, List<Violation> violations) {
        ObjectNode sample = JSON.createObjectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode propertySchema = property.getValue();
            Optional<JsonNode> value = Optional.ofNullable(propertySchema.get("default"))
                    .or(() -> Optional.ofNullable(propertySchema.path("examples").get(0)))
                    .or(() -> Optional.ofNullable(propertySchema.path("enum").get(0)))
                    .or(() -> Optional.ofNullable(propertySchema.get("const")));
            if (value.isPresent()) {
                sample.set(property.getKey(), value.get().deepCopy());
            } else if ("object".equals(propertySchema.path("type").asString()) && propertySchema.has("properties")) {
                sample.set(property.getKey(), sample(propertySchema, path + ".properties." + property.getKey(), violations));
            } else if (required.contains(property.getKey())) {
                violations.add(new Violation(path + ".properties." + property.getKey(), "example-required",
                        "a required parameter needs a default or examples, so that the manifests can be checked when the template is published"));
            }
        }
        return sample;
    }

    /** Whether a name the manifests reference resolves in the schema, given the sections it appears in. */
    public boolean resolves(String name, List<String> sections) {
        if (ManifestTemplate.BUILT_INS.contains(name) || (".".equals(name) && !sections.isEmpty())) {
            return true;
        }
        // scopes: the root, then each enclosing section that is an object or a list of objects, innermost first
        List<JsonNode> scopes = new ArrayList<>();
        scopes.add(node);
        for (String section : sections) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                Optional<JsonNode> resolved = lookup(scopes.get(i), section);
                if (resolved.isPresent()) {
                    JsonNode scope = resolved.get();
                    if ("array".equals(scope.path("type").asString())) {
                        scope = scope.path("items");
                    }
                    if (scope.has("properties")) {
                        scopes.add(scope);
                    }
                    break;
                }
            }
        }
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (lookup(scopes.get(i), name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<JsonNode> lookup(JsonNode scope, String dotted) {
        JsonNode current = scope;
        Iterator<String> parts = List.of(dotted.split("\\.")).iterator();
        while (parts.hasNext()) {
            String part = parts.next();
            JsonNode next = current.path("properties").get(part);
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** Parameters as plain Java values (maps, lists, strings, numbers, booleans) for rendering. */
    public static Map<String, Object> toMap(JsonNode parameters) {
        return JSON.convertValue(parameters, MAP);
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public static String toJson(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    private static String field(String root, Error error) {
        StringBuilder field = new StringBuilder(root);
        var location = error.getInstanceLocation();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append('.').append(element);
            }
        }
        if (error.getProperty() != null) {
            field.append('.').append(error.getProperty());
        }
        return field.toString();
    }

    private static TemplateProblem invalid(String field, String code, String message) {
        return new TemplateProblem(TemplateProblem.VALIDATE, List.of(new Violation(field, code, message)));
    }
}
