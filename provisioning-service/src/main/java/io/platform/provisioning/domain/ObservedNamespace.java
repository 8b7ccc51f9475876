package io.platform.provisioning.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster holds of the objects the platform manages in one namespace. An empty optional means the object
 * does not exist.
 *
 * @param labels         the Namespace's labels (empty when it does not exist)
 * @param annotations    the Namespace's annotations
 * @param quotaHard      the ResourceQuota's {@code spec.hard}, as quantity strings
 * @param limits         the LimitRange's container defaults
 * @param networkPolicy  the NetworkPolicy's allowed sources; {@link ObservedPolicy#sources()} is empty when its shape
 *                       is not one the platform writes
 */
public record ObservedNamespace(
        boolean exists,
        boolean terminating,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<Map<String, String>> quotaHard,
        Optional<ObservedLimits> limits,
        Optional<ObservedPolicy> networkPolicy) {

    public ObservedNamespace {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        quotaHard = quotaHard.map(Map::copyOf);
    }

    /** A LimitRange's single {@code Container} item (empty maps when the shape differs). */
    public record ObservedLimits(boolean singleContainerItem, Map<String, String> defaultLimits,
                                 Map<String, String> defaultRequests) {
        public ObservedLimits {
            defaultLimits = defaultLimits == null ? Map.of() : Map.copyOf(defaultLimits);
            defaultRequests = defaultRequests == null ? Map.of() : Map.copyOf(defaultRequests);
        }
    }

    /** A NetworkPolicy: its allowed ingress sources when its shape is the platform's, empty otherwise. */
    public record ObservedPolicy(Optional<List<IngressSource>> sources) {
    }
}
