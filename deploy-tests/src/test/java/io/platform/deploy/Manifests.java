package io.platform.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Pattern;

/** Reading Kubernetes manifests into fabric8's typed model. */
public final class Manifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");

    private Manifests() {
    }

    /** The non-empty documents of a multi-document YAML text (comment-only documents are dropped). */
    public static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean hasContent = document.lines().map(String::strip)
                    .anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
            if (hasContent) {
                documents.add(document);
            }
        }
        return documents;
    }

    /**
     * One object: a typed fabric8 class for every kind fabric8 knows (Deployment, ClusterRole, ...), a
     * {@link GenericKubernetesResource} for custom resources (Strimzi, CloudNativePG, Prometheus Operator).
     */
    public static HasMetadata parse(String document) {
        Object parsed = Serialization.unmarshal(document);
        if (!(parsed instanceof HasMetadata object)) {
            throw new IllegalArgumentException("not a Kubernetes object: " + document.lines().limit(5).toList());
        }
        return object;
    }

    public static List<HasMetadata> read(Path file) {
        try {
            return documents(Files.readString(file)).stream().map(Manifests::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fields fabric8's typed model did not recognise (a typo such as {@code readinesProbe}, or a field the API does
     * not have), as paths like {@code spec.template.spec.containers[0].readinesProbe}. Empty for generic resources.
     */
    public static List<String> unknownFields(HasMetadata object) {
        List<String> unknown = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            collectUnknown(object, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return unknown;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknown(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> collectUnknown(element, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            try {
                Object child = getter.invoke(value);
                if (name.equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path + ".") + key));
                    }
                    continue;
                }
                String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                collectUnknown(child, path.isEmpty() ? field : path + "." + field, unknown, seen);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // a computed getter that cannot be called is no field
            }
        }
    }
}
