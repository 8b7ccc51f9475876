package io.platform.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks Kubernetes API requests the services really made against their least-privilege roles. Input: the lines of
 * the local stack's Kubernetes request log ({@code <time>\t<client>\t<method>\t<path>}, where the client is the
 * service name its kubeconfig token carries).
 *
 * <pre>
 * List&lt;RbacCoverage.Violation&gt; violations = RbacCoverage.check(Files.readAllLines(log), deployDir,
 *         DeployLayout.SERVICES, "default");
 * assertThat(violations).isEmpty();
 * </pre>
 */
public final class RbacCoverage {

    /** A request the client's roles do not grant. */
    public record Violation(String client, String method, String path, KubernetesRequest request) {
        @Override
        public String toString() {
            return client + ": " + method + " " + path + " -> " + request + " is not granted by deploy/base/rbac/"
                    + client + "-clusterrole.yaml";
        }
    }

    private RbacCoverage() {
    }

    /**
     * @param logLines          request log lines; lines of clients not in {@code clients} are ignored
     * @param deployDir         the deploy/ directory
     * @param clients           service names to check (a service without a role file may make no request at all)
     * @param platformNamespace the namespace the services' Roles (leader-election Leases) apply to in this run
     */
    public static List<Violation> check(List<String> logLines, Path deployDir, Collection<String> clients,
                                        String platformNamespace) {
        Map<String, RbacRules> rulesByClient = new LinkedHashMap<>();
        for (String client : clients) {
            rulesByClient.put(client, RbacRules.forService(deployDir, client).withPlatformNamespace(platformNamespace));
        }
        List<Violation> violations = new ArrayList<>();
        for (String line : logLines) {
            String[] fields = line.split("\t");
            if (fields.length < 4) {
                continue;
            }
            RbacRules rules = rulesByClient.get(fields[1]);
            if (rules == null) {
                continue;
            }
            KubernetesRequest request = KubernetesRequest.fromHttp(fields[2], fields[3]);
            if (!rules.allows(request)) {
                violations.add(new Violation(fields[1], fields[2], fields[3], request));
            }
        }
        return violations;
    }
}
