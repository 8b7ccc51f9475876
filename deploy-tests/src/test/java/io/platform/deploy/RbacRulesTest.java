package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacRulesTest {

    @TempDir
    static Path dir;
    static RbacRules rules;

    @BeforeAll
    static void roles() throws IOException {
        Path file = dir.resolve("example-clusterrole.yaml");
        Files.writeString(file, """
                # a comment-only first document
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: example
                rules:
                  - apiGroups: [""]
                    resources: [namespaces, configmaps]
                    verbs: [get, list, watch]
                  - apiGroups: [apps]
                    resources: ["deployments/*"]
                    verbs: [update]
                  - apiGroups: [batch]
                    resources: ["*"]
                    verbs: [create]
                  - apiGroups: [rbac.authorization.k8s.io]
                    resources: [clusterroles]
                    resourceNames: [admin]
                    verbs: [bind]
                  - nonResourceURLs: ["/metrics", "/logs/*"]
                    verbs: [get]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: leases
                  namespace: platform-system
                rules:
                  - apiGroups: [coordination.k8s.io]
                    resources: [leases]
                    verbs: ["*"]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ignored
                  namespace: platform-system
                """);
        rules = RbacRules.load(file);
    }

    @Test
    void grantsExactlyTheListedVerbsGroupsAndResources() {
        assertThat(rules.allows("get", "", "namespaces")).isTrue();
        assertThat(rules.allows("watch", "", "configmaps")).isTrue();
        assertThat(rules.allows("create", "", "namespaces")).isFalse();
        assertThat(rules.allows("get", "apps", "namespaces")).as("other group").isFalse();
        assertThat(rules.allows("get", "", "secrets")).isFalse();
        assertThat(rules.allows("create", "batch", "cronjobs")).as("resource wildcard").isTrue();
        assertThat(rules.allows("delete", "batch", "cronjobs")).isFalse();
    }

    @Test
    void subresourcesNeedTheirOwnGrant() {
        assertThat(rules.allows("get", "", "namespaces/status")).isFalse();
        assertThat(rules.allows("update", "apps", "deployments/scale")).as("deployments/*").isTrue();
        assertThat(rules.allows("update", "apps", "deployments")).isFalse();
    }

    @Test
    void resourceNamesLimitARuleToTheNamedObjects() {
        assertThat(rules.allows("bind", "rbac.authorization.k8s.io", "clusterroles")).as("for every name").isFalse();
        assertThat(rules.allows("bind", "rbac.authorization.k8s.io", "clusterroles", "admin")).isTrue();
        assertThat(rules.allows("bind", "rbac.authorization.k8s.io", "clusterroles", "cluster-admin")).isFalse();
    }

    @Test
    void rolesGrantOnlyInTheirNamespaceAndCanBeMovedToTheLocalStacksNamespace() {
        KubernetesRequest inPlatform = KubernetesRequest.fromHttp("PATCH",
                "/apis/coordination.k8s.io/v1/namespaces/platform-system/leases/leader");
        KubernetesRequest inDefault = KubernetesRequest.fromHttp("PATCH",
                "/apis/coordination.k8s.io/v1/namespaces/default/leases/leader");
        KubernetesRequest everywhere = KubernetesRequest.fromHttp("GET", "/apis/coordination.k8s.io/v1/leases");

        assertThat(rules.allows(inPlatform)).isTrue();
        assertThat(rules.allows(inDefault)).isFalse();
        assertThat(rules.allows(everywhere)).as("a Role never grants cluster-wide").isFalse();
        assertThat(rules.withPlatformNamespace("default").allows(inDefault)).isTrue();
        assertThat(rules.allows("patch", "coordination.k8s.io", "leases")).as("somewhere").isTrue();
    }

    @Test
    void clusterRoleRulesApplyInEveryNamespaceAndClusterWide() {
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/api/v1/namespaces/a/configmaps?watch=true"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/api/v1/configmaps"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("POST", "/api/v1/namespaces/a/configmaps"))).isFalse();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/api/v1/namespaces/a/secrets/token"))).isFalse();
    }

    @Test
    void discoveryIsPublicAndOtherNonResourceUrlsNeedARule() {
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/version"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/apis/apps/v1"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/metrics"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/logs/kubelet.log"))).isTrue();
        assertThat(rules.allows(KubernetesRequest.fromHttp("GET", "/debug/pprof"))).isFalse();
        assertThat(rules.allows(KubernetesRequest.fromHttp("POST", "/version"))).isFalse();
    }

    @Test
    void aServiceWithoutARoleFileMayDoNothing() {
        RbacRules none = RbacRules.forService(dir, "gateway-service");
        assertThat(none.rules()).isEmpty();
        assertThat(none.allows(KubernetesRequest.fromHttp("GET", "/api/v1/namespaces"))).isFalse();
    }

    @Test
    void coverageReportsEveryLoggedRequestAServiceIsNotGranted() throws IOException {
        Files.createDirectories(dir.resolve("deploy/base/rbac"));
        Files.copy(dir.resolve("example-clusterrole.yaml"), dir.resolve("deploy/base/rbac/example-clusterrole.yaml"));
        var log = java.util.List.of(
                "2026-12-01T10:00:00Z\texample\tGET\t/api/v1/namespaces?watch=true",
                "2026-12-01T10:00:01Z\texample\tPOST\t/api/v1/namespaces",
                "2026-12-01T10:00:02Z\texample\tPATCH\t/apis/coordination.k8s.io/v1/namespaces/default/leases/x",
                "2026-12-01T10:00:03Z\tcatalog-service\tGET\t/api/v1/namespaces",
                "2026-12-01T10:00:04Z\tsomeone-else\tDELETE\t/api/v1/namespaces/x",
                "malformed line");

        var violations = RbacCoverage.check(log, dir.resolve("deploy"), java.util.List.of("example", "catalog-service"), "default");

        assertThat(violations).extracting(RbacCoverage.Violation::client, RbacCoverage.Violation::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("example", "POST"),
                        org.assertj.core.groups.Tuple.tuple("catalog-service", "GET"));
    }
}
