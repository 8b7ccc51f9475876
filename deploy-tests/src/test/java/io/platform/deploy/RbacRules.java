package io.platform.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The permissions a set of RBAC roles grants, evaluated like Kubernetes' RBAC authorizer: verbs, API groups,
 * resources (with {@code resource/subresource} and {@code *}), resourceNames, and for namespaced {@link Role}s the
 * namespace. Loads the least-privilege roles of {@code deploy/base/rbac/<service>-clusterrole.yaml} (a ClusterRole
 * and the service's Role for its leader-election Lease).
 *
 * <pre>
 * RbacRules rules = RbacRules.forService(deployDir, "provisioning-service");
 * rules.allows("create", "", "namespaces");                                     // true
 * rules.allows(KubernetesRequest.fromHttp("GET", "/api/v1/secrets?watch=true")); // false
 * </pre>
 */
public final class RbacRules {

    /** Discovery and version URLs every authenticated user may GET (system:discovery, system:public-info-viewer). */
    private static final Set<String> PUBLIC_NON_RESOURCE_PREFIXES = Set.of("/api", "/apis", "/version", "/healthz",
            "/livez", "/readyz", "/openapi");

    /** One rule, and the namespace it is limited to (null: a ClusterRole rule, valid in every namespace). */
    public record ScopedRule(PolicyRule rule, String namespace, String roleName) {
    }

    private final List<ScopedRule> rules;

    private RbacRules(List<ScopedRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of every ClusterRole and Role in the given YAML files (other kinds are ignored). */
    public static RbacRules load(Path... files) {
        List<ScopedRule> rules = new ArrayList<>();
        for (Path file : files) {
            for (HasMetadata object : Manifests.read(file)) {
                if (object instanceof ClusterRole role) {
                    nullSafe(role.getRules()).forEach(rule -> rules.add(new ScopedRule(rule, null, role.getMetadata().getName())));
                } else if (object instanceof Role role) {
                    String namespace = Objects.requireNonNull(role.getMetadata().getNamespace(),
                            "Role " + role.getMetadata().getName() + " in " + file + " has no namespace");
                    nullSafe(role.getRules()).forEach(rule -> rules.add(new ScopedRule(rule, namespace, role.getMetadata().getName())));
                }
            }
        }
        return new RbacRules(rules);
    }

    /**
     * The roles of one service: {@code <deployDir>/base/rbac/<service>-clusterrole.yaml}. A service without that file
     * has no Kubernetes access at all (no rules).
     */
    public static RbacRules forService(Path deployDir, String service) {
        Path file = deployDir.resolve("base/rbac/" + service + "-clusterrole.yaml");
        return Files.exists(file) ? load(file) : new RbacRules(List.of());
    }

    /**
     * The same rules with every namespaced Role moved to {@code namespace}: the platform's own namespace differs
     * between a cluster ({@code platform-system}) and a local stack (the kubeconfig's default namespace).
     */
    public RbacRules withPlatformNamespace(String namespace) {
        return new RbacRules(rules.stream()
                .map(r -> r.namespace() == null ? r : new ScopedRule(r.rule(), namespace, r.roleName()))
                .toList());
    }

    public List<ScopedRule> rules() {
        return rules;
    }

    /**
     * Whether some rule grants {@code verb} on {@code resource} (or {@code resource/subresource}) of {@code apiGroup}
     * ("" = core) for every object name, in at least one namespace. Use {@link #allows(KubernetesRequest)} for the
     * exact answer for one request.
     */
    public boolean allows(String verb, String apiGroup, String resource) {
        return rules.stream().anyMatch(r -> matches(r.rule(), verb, apiGroup, resource, null));
    }

    /** As {@link #allows(String, String, String)}, for one named object (rules with resourceNames count). */
    public boolean allows(String verb, String apiGroup, String resource, String resourceName) {
        return rules.stream().anyMatch(r -> matches(r.rule(), verb, apiGroup, resource, resourceName));
    }

    /** Whether the request is authorized: ClusterRole rules anywhere, Role rules only in their namespace. */
    public boolean allows(KubernetesRequest request) {
        if (!request.isResourceRequest()) {
            return allowsNonResource(request.verb(), request.nonResourcePath());
        }
        String resource = request.resourceWithSubresource();
        return rules.stream()
                .filter(r -> r.namespace() == null || r.namespace().equals(request.namespace()))
                // a Role never grants cluster-scoped resources, even if it names them
                .filter(r -> r.namespace() == null || request.namespace() != null && !"namespaces".equals(request.resource()))
                .anyMatch(r -> matches(r.rule(), request.verb(), request.apiGroup(), resource, request.name()));
    }

    private boolean allowsNonResource(String verb, String path) {
        if (verb.equals("get") && PUBLIC_NON_RESOURCE_PREFIXES.stream()
                .anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return true;
        }
        return rules.stream().filter(r -> r.namespace() == null).map(ScopedRule::rule).anyMatch(rule ->
                contains(rule.getVerbs(), verb) && nullSafe(rule.getNonResourceURLs()).stream().anyMatch(url ->
                        url.equals("*") || url.equals(path) || url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))));
    }

    private static boolean matches(PolicyRule rule, String verb, String apiGroup, String resource, String resourceName) {
        if (!contains(rule.getVerbs(), verb) || !contains(rule.getApiGroups(), apiGroup)
                || !resourceMatches(nullSafe(rule.getResources()), resource)) {
            return false;
        }
        List<String> names = nullSafe(rule.getResourceNames());
        return names.isEmpty() || resourceName != null && names.contains(resourceName);
    }

    private static boolean resourceMatches(List<String> granted, String requested) {
        int slash = requested.indexOf('/');
        for (String resource : granted) {
            if (resource.equals("*") || resource.equals(requested)) {
                return true;
            }
            if (slash > 0) {
                // "pods/*" grants every subresource of pods, "*/scale" the scale subresource of everything
                if (resource.equals(requested.substring(0, slash) + "/*") || resource.equals("*" + requested.substring(slash))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(List<String> values, String value) {
        List<String> list = nullSafe(values);
        return list.contains("*") || list.contains(value);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
