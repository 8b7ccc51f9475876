package io.platform.provisioning.domain;

import java.util.Map;
import java.util.Objects;

/** The Namespace object with the labels and annotations the platform sets on it at the namespace step. */
public record DesiredNamespace(String name, Map<String, String> labels, Map<String, String> annotations) {

    public DesiredNamespace {
        Objects.requireNonNull(name);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
