package io.platform.templates;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One Kubernetes object a template rendered, as the generic map the YAML parser produced. */
public record RenderedObject(String apiVersion, String kind, String name, Map<String, Object> content) {

    /**
     * Annotation on a Secret of a template: the keys whose values the platform generates at apply time, straight
     * into the cluster (comma-separated). A template never carries secret values itself.
     */
    public static final String GENERATED_KEYS = "platform.io/generate-keys";

    /** {@code Kind/name}, as events list objects. */
    public String ref() {
        return kind + "/" + name;
    }

    public boolean isSecret() {
        return "v1".equals(apiVersion) && "Secret".equals(kind);
    }

    /** The keys to generate, for a Secret. */
    @SuppressWarnings("unchecked")
    public Set<String> generatedKeys() {
        Object metadata = content.get("metadata");
        if (!(metadata instanceof Map<?, ?> meta) || !(meta.get("annotations") instanceof Map<?, ?> annotations)) {
            return Set.of();
        }
        Object keys = ((Map<String, Object>) annotations).get(GENERATED_KEYS);
        if (!(keys instanceof String text) || text.isBlank()) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(key -> !key.isEmpty()).forEach(result::add);
        return result;
    }
}
