package io.platform.rbac.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verbs and resources a custom role may name: Kubernetes' built-in API groups and resources (namespaced and
 * cluster-scoped kept apart, so a namespaced Role cannot grant a cluster-scoped resource), plus resources of custom
 * resource definitions configured per API group ({@code platform.rbac.extra-resources}).
 */
public final class RuleCatalog {

    public static final String ALL = "*";

    /** Verbs a rule may use; {@code escalate}, {@code bind} and {@code impersonate} are known but refused by default. */
    public static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection", "use", "approve", "sign", "bind", "escalate", "impersonate", ALL);

    private static final Map<String, Set<String>> NAMESPACED = Map.ofEntries(
            Map.entry("", Set.of("pods", "pods/log", "pods/exec", "pods/attach", "pods/portforward", "pods/status",
                    "pods/eviction", "services", "services/proxy", "endpoints", "configmaps", "secrets",
                    "persistentvolumeclaims", "serviceaccounts", "serviceaccounts/token", "events", "resourcequotas",
                    "limitranges", "replicationcontrollers", "replicationcontrollers/scale", "podtemplates", "bindings")),
            Map.entry("apps", Set.of("deployments", "deployments/scale", "deployments/status", "statefulsets",
                    "statefulsets/scale", "statefulsets/status", "daemonsets", "daemonsets/status", "replicasets",
                    "replicasets/scale", "controllerrevisions")),
            Map.entry("batch", Set.of("jobs", "jobs/status", "cronjobs", "cronjobs/status")),
            Map.entry("autoscaling", Set.of("horizontalpodautoscalers", "horizontalpodautoscalers/status")),
            Map.entry("policy", Set.of("poddisruptionbudgets", "poddisruptionbudgets/status")),
            Map.entry("networking.k8s.io", Set.of("ingresses", "ingresses/status", "networkpolicies")),
            Map.entry("rbac.authorization.k8s.io", Set.of("roles", "rolebindings")),
            Map.entry("coordination.k8s.io", Set.of("leases")),
            Map.entry("discovery.k8s.io", Set.of("endpointslices")),
            Map.entry("events.k8s.io", Set.of("events")),
            Map.entry("metrics.k8s.io", Set.of("pods")),
            Map.entry("storage.k8s.io", Set.of("csistoragecapacities")));

    private static final Map<String, Set<String>> CLUSTER_SCOPED = Map.ofEntries(
            Map.entry("", Set.of("namespaces", "namespaces/status", "nodes", "nodes/status", "persistentvolumes",
                    "componentstatuses")),
            Map.entry("networking.k8s.io", Set.of("ingressclasses")),
            Map.entry("rbac.authorization.k8s.io", Set.of("clusterroles", "clusterrolebindings")),
            Map.entry("storage.k8s.io", Set.of("storageclasses", "volumeattachments", "csidrivers", "csinodes")),
            Map.entry("apiextensions.k8s.io", Set.of("customresourcedefinitions")),
            Map.entry("metrics.k8s.io", Set.of("nodes")),
            Map.entry("scheduling.k8s.io", Set.of("priorityclasses")),
            Map.entry("certificates.k8s.io", Set.of("certificatesigningrequests")));

    private final Map<String, Set<String>> namespaced;
    private final Map<String, Set<String>> clusterScoped;
    private final Set<String> forbiddenVerbs;

    /**
     * @param extraResources namespaced resources of custom resource definitions, per API group
     * @param forbiddenVerbs verbs custom roles may not grant
     */
    public RuleCatalog(Map<String, List<String>> extraResources, Set<String> forbiddenVerbs) {
        Map<String, Set<String>> merged = new HashMap<>();
        NAMESPACED.forEach((group, resources) -> merged.put(group, new HashSet<>(resources)));
        extraResources.forEach((group, resources) -> merged.computeIfAbsent(group, g -> new HashSet<>()).addAll(resources));
        this.namespaced = Map.copyOf(merged);
        this.clusterScoped = CLUSTER_SCOPED;
        this.forbiddenVerbs = Set.copyOf(forbiddenVerbs);
    }

    /** Kubernetes' built-in resources only; {@code escalate}, {@code bind} and {@code impersonate} refused. */
    public static RuleCatalog standard() {
        return new RuleCatalog(Map.of(), Set.of("escalate", "bind", "impersonate"));
    }

    public boolean knowsGroup(String group) {
        return ALL.equals(group) || namespaced.containsKey(group) || clusterScoped.containsKey(group);
    }

    /** Whether the resource exists in one of the groups ({@code *} meaning any). */
    public boolean knowsResource(List<String> groups, String resource) {
        return ALL.equals(resource) || inGroups(groups, resource, namespaced) || inGroups(groups, resource, clusterScoped);
    }

    /** Whether the resource is cluster-scoped in every group of the rule that knows it. */
    public boolean isClusterScoped(List<String> groups, String resource) {
        return !ALL.equals(resource) && inGroups(groups, resource, clusterScoped) && !inGroups(groups, resource, namespaced);
    }

    public boolean isForbidden(String verb) {
        return forbiddenVerbs.contains(verb);
    }

    private static boolean inGroups(List<String> groups, String resource, Map<String, Set<String>> catalog) {
        for (String group : groups) {
            if (ALL.equals(group)) {
                if (catalog.values().stream().anyMatch(resources -> resources.contains(resource))) {
                    return true;
                }
            } else if (catalog.getOrDefault(group, Set.of()).contains(resource)) {
                return true;
            }
        }
        return false;
    }
}
