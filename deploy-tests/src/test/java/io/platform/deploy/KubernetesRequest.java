package io.platform.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The authorization attributes of one Kubernetes API request, derived from its HTTP method and path the way the API
 * server does (its RequestInfo): verb, API group, resource (with subresource), namespace and name, or, for discovery
 * and other non-resource URLs, the path.
 *
 * @param verb            get, list, watch, create, update, patch, delete, deletecollection (non-resource: the
 *                        lower-case HTTP method)
 * @param apiGroup        "" for the core group
 * @param apiVersion      e.g. v1
 * @param resource        plural resource name, e.g. namespaces
 * @param subresource     e.g. status, or null
 * @param namespace       the namespace, or null for cluster-wide requests (for the namespaces resource: the name)
 * @param name            the object's name, or null for collections
 * @param nonResourcePath the path of a non-resource request (/version, /api, /apis/apps/v1 ...), else null
 */
public record KubernetesRequest(String verb, String apiGroup, String apiVersion, String resource, String subresource,
                                String namespace, String name, String nonResourcePath) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean isResourceRequest() {
        return nonResourcePath == null;
    }

    /** {@code resource} or {@code resource/subresource}, as written in an RBAC rule. */
    public String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /**
     * Maps an HTTP request on the Kubernetes API to its authorization attributes.
     *
     * @param method       HTTP method
     * @param pathAndQuery request target, e.g. {@code /api/v1/namespaces/a/resourcequotas?watch=true&labelSelector=x}
     */
    public static KubernetesRequest fromHttp(String method, String pathAndQuery) {
        String upper = method.toUpperCase(Locale.ROOT);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/"))
                .filter(part -> !part.isEmpty())
                .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8))
                .toList());

        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            return new KubernetesRequest(upper.toLowerCase(Locale.ROOT), null, null, null, null, null, null,
                    path.isEmpty() ? "/" : path);
        }

        boolean watch = isWatch(query);
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            // deprecated /api/v1/watch/... form
            watch = true;
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        if (rest.isEmpty()) {
            return new KubernetesRequest(upper.toLowerCase(Locale.ROOT), null, null, null, null, null, null, path);
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : null;
        String subresource = rest.size() >= 3 ? String.join("/", rest.subList(2, rest.size())) : null;

        String verb = switch (upper) {
            case "GET", "HEAD" -> watch ? "watch" : (name == null ? "list" : "get");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> upper.toLowerCase(Locale.ROOT);
        };
        return new KubernetesRequest(verb, group, version, resource, subresource, namespace, name, null);
    }

    private static boolean isWatch(String query) {
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("watch") && (value.equals("true") || value.equals("1"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (!isResourceRequest()) {
            return verb + " " + nonResourcePath;
        }
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resourceWithSubresource()
                + (name == null ? "" : " " + name) + (namespace == null ? " (cluster-wide)" : " in " + namespace);
    }
}
