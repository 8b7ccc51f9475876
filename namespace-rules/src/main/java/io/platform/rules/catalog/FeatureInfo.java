package io.platform.rules.catalog;

import java.util.Map;
import java.util.Objects;

/** A namespace feature: the labels and annotations it sets on the namespace. */
public record FeatureInfo(String name, String description, Map<String, String> labels, Map<String, String> annotations) {

    public FeatureInfo {
        Objects.requireNonNull(name);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
