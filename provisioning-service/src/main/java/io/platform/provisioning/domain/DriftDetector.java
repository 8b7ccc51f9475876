package io.platform.provisioning.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the platform's record of a namespace with what the cluster holds. Only what the platform owns counts:
 * its labels and annotations on the Namespace (others' keys are ignored), and the whole of its ResourceQuota,
 * LimitRange and NetworkPolicy. Quantities compare by amount ({@code 2} equals {@code 2000m}).
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    /** Every drifted object; empty while the namespace is terminating (it is put back once it is gone). */
    public static List<Drift> compare(DesiredObjects desired, ObservedNamespace observed) {
        List<Drift> drifts = new ArrayList<>();
        if (observed.terminating()) {
            return drifts;
        }
        if (!observed.exists()) {
            drifts.add(new Drift(Drift.NAMESPACE, desired.name(), "deleted"));
        } else {
            List<String> differences = new ArrayList<>();
            differences(desired.namespaceLabels(), observed.labels(), "label", differences);
            differences(desired.namespaceAnnotations(), observed.annotations(), "annotation", differences);
            if (!differences.isEmpty()) {
                drifts.add(new Drift(Drift.NAMESPACE, desired.name(), "modified: " + String.join("; ", differences)));
            }
        }

        Optional<Map<String, String>> quota = observed.quotaHard();
        if (quota.isEmpty()) {
            drifts.add(new Drift(Drift.RESOURCE_QUOTA, desired.quota().name(), "deleted"));
        } else {
            List<String> differences = new ArrayList<>();
            quantityDifferences(desired.quota().hard(), quota.get(), "hard", differences);
            if (!differences.isEmpty()) {
                drifts.add(new Drift(Drift.RESOURCE_QUOTA, desired.quota().name(), "modified: " + String.join("; ", differences)));
            }
        }

        Optional<ObservedNamespace.ObservedLimits> limits = observed.limits();
        if (limits.isEmpty()) {
            drifts.add(new Drift(Drift.LIMIT_RANGE, desired.limits().name(), "deleted"));
        } else {
            List<String> differences = new ArrayList<>();
            if (!limits.get().singleContainerItem()) {
                differences.add("limits is not the platform's single Container item");
            }
            quantityDifferences(desired.limits().containerDefaultLimits(), limits.get().defaultLimits(), "default", differences);
            quantityDifferences(desired.limits().containerDefaultRequests(), limits.get().defaultRequests(),
                    "defaultRequest", differences);
            if (!differences.isEmpty()) {
                drifts.add(new Drift(Drift.LIMIT_RANGE, desired.limits().name(), "modified: " + String.join("; ", differences)));
            }
        }

        Optional<ObservedNamespace.ObservedPolicy> policy = observed.networkPolicy();
        if (desired.networkPolicy().isPresent()) {
            DesiredNetworkPolicy expected = desired.networkPolicy().get();
            if (policy.isEmpty()) {
                drifts.add(new Drift(Drift.NETWORK_POLICY, expected.name(), "deleted"));
            } else if (policy.get().sources().isEmpty()) {
                drifts.add(new Drift(Drift.NETWORK_POLICY, expected.name(),
                        "modified: the policy no longer has the platform's shape (all pods, ingress only, one rule)"));
            } else if (!new HashSet<>(policy.get().sources().get()).equals(new HashSet<>(expected.allowedSources()))
                    || policy.get().sources().get().size() != expected.allowedSources().size()) {
                drifts.add(new Drift(Drift.NETWORK_POLICY, expected.name(), "modified: allowed sources "
                        + describe(policy.get().sources().get()) + " (expected " + describe(expected.allowedSources()) + ")"));
            }
        } else if (policy.isPresent()) {
            drifts.add(new Drift(Drift.NETWORK_POLICY, DesiredNetworkPolicy.NAME,
                    "modified: present although the namespace's network policy mode is open"));
        }
        return drifts;
    }

    private static void differences(Map<String, String> desired, Map<String, String> observed, String what,
                                    List<String> differences) {
        for (String key : new TreeSet<>(desired.keySet())) {
            String actual = observed.get(key);
            if (actual == null) {
                differences.add(what + " " + key + " missing (expected '" + desired.get(key) + "')");
            } else if (!actual.equals(desired.get(key))) {
                differences.add(what + " " + key + "='" + actual + "' (expected '" + desired.get(key) + "')");
            }
        }
    }

    private static void quantityDifferences(Map<String, String> desired, Map<String, String> observed, String what,
                                            List<String> differences) {
        for (String key : new TreeSet<>(desired.keySet())) {
            String actual = observed.get(key);
            if (actual == null) {
                differences.add(what + "." + key + " missing (expected " + desired.get(key) + ")");
            } else if (!Quantities.same(actual, desired.get(key))) {
                differences.add(what + "." + key + "=" + actual + " (expected " + desired.get(key) + ")");
            }
        }
        for (String key : new TreeSet<>(observed.keySet())) {
            if (!desired.containsKey(key)) {
                differences.add(what + "." + key + "=" + observed.get(key) + " added");
            }
        }
    }

    private static String describe(List<IngressSource> sources) {
        List<String> parts = new ArrayList<>();
        for (IngressSource source : sources) {
            if (source instanceof IngressSource.NamespacesLabelled labelled) {
                parts.add("namespaces " + labelled.key() + "=" + labelled.value());
            } else {
                parts.add("same namespace");
            }
        }
        return parts.toString();
    }
}
