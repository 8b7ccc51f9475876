package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege roles of deploy/base/rbac against the Kubernetes requests the services' operations really
 * produce: each operation the services' READMEs document (and the drift-repair informers and leader election) is run
 * with fabric8 against the CRUD mock API server, every HTTP request it made is mapped to its authorization attributes
 * and must be granted; requests beyond the services' duties must be refused. The mock server authorizes nothing
 * itself; on a real cluster these requests would be checked by RBAC exactly this way. The end-to-end suite checks the
 * requests the running services make (RbacCoverage over the local stack's request log).
 */
@EnableKubernetesMockClient(crud = true)
class ServiceRolesTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "checkout";
    private static final Map<String, String> MANAGED = Map.of("platform.io/managed", "true");
    private final List<RecordedRequest> recorded = new ArrayList<>();

    @BeforeEach
    void forgetEarlierRequests() throws InterruptedException {
        drain();
        recorded.clear();
    }

    @Test
    void provisioningServicesRoleGrantsEveryRequestOfItsDocumentedOperations() throws Exception {
        RbacRules rules = RbacRules.forService(DeployLayout.deployDir(), "provisioning-service");

        // When provisioning-service provisions a namespace twice (create, then merge patch and replace), removes the
        // policy of an "open" namespace, deploys and deletes service-instance objects, keeps a generated secret,
        // watches what it manages for drift and takes part in leader election
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(NS).withLabels(MANAGED).endMetadata().build();
        for (int i = 0; i < 2; i++) {
            client.namespaces().resource(namespace).createOr(existing -> existing.patch(PatchContext.of(PatchType.JSON_MERGE), namespace));
            client.resourceQuotas().inNamespace(NS).resource(new ResourceQuotaBuilder().withNewMetadata().withName("platform-quota")
                    .withLabels(MANAGED).endMetadata().withNewSpec().addToHard("pods", new Quantity("10")).endSpec().build())
                    .createOr(NonDeletingOperation::update);
            client.limitRanges().inNamespace(NS).resource(new LimitRangeBuilder().withNewMetadata().withName("platform-limits")
                    .withLabels(MANAGED).endMetadata().build()).createOr(NonDeletingOperation::update);
            client.network().v1().networkPolicies().inNamespace(NS).resource(new NetworkPolicyBuilder().withNewMetadata()
                    .withName("platform-ingress").withLabels(MANAGED).endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                    .endSpec().build()).createOr(NonDeletingOperation::update);
        }
        client.namespaces().withName(NS).get();
        client.namespaces().withName(NS).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"pod-security.kubernetes.io/enforce\":\"restricted\"}}}");
        client.network().v1().networkPolicies().inNamespace(NS).withName("platform-ingress").delete();
        deployAndDeleteServiceInstance();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("db-credentials").endMetadata()
                .addToStringData("password", "generated").build()).createOr(NonDeletingOperation::update);
        client.secrets().inNamespace(NS).withName("db-credentials").get();
        client.secrets().inNamespace(NS).withName("db-credentials").delete();
        inform(() -> List.of(
                client.namespaces().withLabels(MANAGED).inform(),
                client.resourceQuotas().inAnyNamespace().withLabels(MANAGED).inform(),
                client.limitRanges().inAnyNamespace().withLabels(MANAGED).inform(),
                client.network().v1().networkPolicies().inAnyNamespace().withLabels(MANAGED).inform(),
                client.apps().deployments().inAnyNamespace().withLabels(MANAGED).inform()));
        electLeader("provisioning-service");
        client.resourceQuotas().inNamespace(NS).withName("platform-quota").delete();
        client.limitRanges().inNamespace(NS).withName("platform-limits").delete();
        client.namespaces().withName(NS).delete();

        // Then every request it made is granted
        assertEveryRequestGranted(rules);

        // And what it has no business doing is refused
        assertRefused(rules, op -> client.secrets().inAnyNamespace().list(), "reading every Secret of the cluster");
        assertRefused(rules, op -> client.secrets().inNamespace(NS).list(), "listing a namespace's Secrets");
        assertRefused(rules, op -> client.rbac().roleBindings().inNamespace(NS).list(), "RBAC is rbac-service's");
        assertRefused(rules, op -> client.pods().inNamespace(NS).list(), "pods");
        assertRefused(rules, op -> client.resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class).inNamespace(NS).list(), "leases outside its namespace");
    }

    @Test
    void rbacServicesRoleGrantsEveryRequestOfItsDocumentedOperations() throws Exception {
        RbacRules rules = RbacRules.forService(DeployLayout.deployDir(), "rbac-service");

        // When rbac-service binds a team (create-or-update, then delete and re-create on a roleRef change), manages
        // custom roles, watches its bindings for drift and takes part in leader election
        RoleBinding binding = new RoleBindingBuilder().withNewMetadata().withName("team-payments-admin").withNamespace(NS)
                .withLabels(MANAGED).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("admin").endRoleRef().addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                .withName("team-payments").endSubject().build();
        client.rbac().roleBindings().inNamespace(NS).resource(binding).createOr(NonDeletingOperation::update);
        client.rbac().roleBindings().inNamespace(NS).resource(binding).createOr(NonDeletingOperation::update);
        client.rbac().roleBindings().inNamespace(NS).withName("team-payments-admin").get();
        client.rbac().roleBindings().inNamespace(NS).withName("team-payments-admin").delete();
        client.rbac().roleBindings().inNamespace(NS).resource(binding).create();
        client.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("log-reader").withLabels(MANAGED)
                .endMetadata().addNewRule().withApiGroups("").withResources("pods/log").withVerbs("get").endRule().build())
                .createOr(NonDeletingOperation::update);
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("platform-custom-viewer")
                .withLabels(MANAGED).endMetadata().addNewRule().withApiGroups("apps").withResources("deployments")
                .withVerbs("get", "list").endRule().build()).createOr(NonDeletingOperation::update);
        client.rbac().clusterRoles().withName("platform-custom-viewer").get();
        client.rbac().clusterRoles().withName("platform-custom-viewer").delete();
        client.rbac().roles().inNamespace(NS).withName("log-reader").delete();
        inform(() -> List.of(
                client.rbac().roleBindings().inAnyNamespace().withLabels(MANAGED).inform(),
                client.rbac().roles().inAnyNamespace().withLabels(MANAGED).inform(),
                client.rbac().clusterRoles().withLabels(MANAGED).inform()));
        electLeader("rbac-service");

        // Then every request it made is granted, including the bind of the team role and of custom roles
        assertEveryRequestGranted(rules);
        assertThat(rules.allows("bind", "rbac.authorization.k8s.io", "clusterroles", "admin")).isTrue();
        assertThat(rules.allows("escalate", "rbac.authorization.k8s.io", "clusterroles")).isTrue();
        assertThat(rules.allows("escalate", "rbac.authorization.k8s.io", "roles")).isTrue();

        // And nothing beyond RBAC objects
        assertRefused(rules, op -> client.rbac().clusterRoleBindings().list(), "cluster-wide bindings");
        assertRefused(rules, op -> client.namespaces().list(), "namespaces are provisioning-service's");
        assertRefused(rules, op -> client.secrets().inNamespace(NS).withName("x").get(), "secrets");
        assertRefused(rules, op -> client.pods().inAnyNamespace().list(), "pods");
    }

    @Test
    void rolesHoldNoWildcardsAndNoPowersBeyondTheirDuties() {
        for (String service : DeployLayout.KUBERNETES_CLIENTS) {
            RbacRules rules = RbacRules.forService(DeployLayout.deployDir(), service);
            for (RbacRules.ScopedRule scoped : rules.rules()) {
                PolicyRule rule = scoped.rule();
                assertThat(rule.getVerbs()).as("%s %s verbs", service, scoped.roleName()).doesNotContain("*");
                assertThat(rule.getResources()).as("%s resources", service).doesNotContain("*").noneMatch(r -> r.endsWith("/*"));
                assertThat(rule.getApiGroups()).as("%s groups", service).doesNotContain("*");
                assertThat(rule.getNonResourceURLs()).as("%s non-resource URLs", service).isNullOrEmpty();
            }
            assertThat(rules.allows("create", "rbac.authorization.k8s.io", "clusterrolebindings")).isFalse();
            assertThat(rules.allows("impersonate", "", "users")).isFalse();
            assertThat(rules.allows("create", "", "pods/exec")).isFalse();
            assertThat(rules.allows("list", "", "secrets")).as("%s reads every secret", service).isFalse();
            assertThat(rules.allows("create", "", "serviceaccounts/token")).isFalse();
            assertThat(rules.allows("update", "coordination.k8s.io", "leases")).as("%s leader election", service).isTrue();
        }
        RbacRules provisioning = RbacRules.forService(DeployLayout.deployDir(), "provisioning-service");
        assertThat(provisioning.allows("escalate", "rbac.authorization.k8s.io", "roles")).isFalse();
        assertThat(provisioning.allows("bind", "rbac.authorization.k8s.io", "clusterroles", "admin")).isFalse();
        for (String service : DeployLayout.SERVICES) {
            if (!DeployLayout.KUBERNETES_CLIENTS.contains(service)) {
                assertThat(RbacRules.forService(DeployLayout.deployDir(), service).rules()).as(service).isEmpty();
            }
        }
    }

    @Test
    void onlyProvisioningAndRbacServiceAccountsAreBoundAndTheBoundTeamRoleIsTheConfiguredOne() {
        for (String overlay : DeployLayout.OVERLAYS) {
            List<HasMetadata> objects = Rendered.objects(overlay);
            for (HasMetadata object : objects) {
                if (object instanceof ClusterRoleBinding binding) {
                    assertThat(binding.getSubjects()).allSatisfy(s -> assertThat(s.getName()).isIn(DeployLayout.KUBERNETES_CLIENTS));
                    assertThat(binding.getRoleRef().getName()).isEqualTo("namespace-platform:" + binding.getSubjects().get(0).getName());
                }
                if (object instanceof RoleBinding binding) {
                    assertThat(binding.getSubjects()).allSatisfy(s -> {
                        assertThat(s.getName()).isIn(DeployLayout.KUBERNETES_CLIENTS);
                        assertThat(s.getNamespace()).isEqualTo(DeployLayout.NAMESPACE);
                    });
                }
            }
            String teamRole = Rendered.find(overlay, ConfigMap.class, "rbac-service-config").orElseThrow()
                    .getData().get("PLATFORM_RBAC_CLUSTER_ROLE");
            assertThat(RbacRules.forService(DeployLayout.deployDir(), "rbac-service")
                    .allows("bind", "rbac.authorization.k8s.io", "clusterroles", teamRole))
                    .as("rbac-service may bind the configured team role %s", teamRole).isTrue();
        }
    }

    @Test
    void theKindsProvisioningSweepsBeforeDeletingANamespaceAreAllGranted() {
        RbacRules rules = RbacRules.forService(DeployLayout.deployDir(), "provisioning-service");
        for (String overlay : DeployLayout.OVERLAYS) {
            String swept = Rendered.find(overlay, ConfigMap.class, "provisioning-service-config").orElseThrow()
                    .getData().get("PLATFORM_PROVISIONING_DELETION_SWEPTKINDS");
            assertThat(swept).isNotBlank();
            for (String kind : swept.strip().split(",")) {
                String[] parts = kind.strip().split("/");
                String group = parts.length == 3 ? parts[0] : "";
                String plural = parts[parts.length - 1];
                assertThat(rules.allows("list", group, plural) && rules.allows("delete", group, plural))
                        .as("provisioning-service may list and delete %s", kind).isTrue();
            }
        }
    }

    private void deployAndDeleteServiceInstance() {
        Map<String, String> instance = Map.of("platform.io/managed", "true", "platform.io/service-instance", "shop-db");
        List<HasMetadata> objects = List.of(
                new DeploymentBuilder().withNewMetadata().withName("web").withLabels(instance).endMetadata().build(),
                new StatefulSetBuilder().withNewMetadata().withName("db").withLabels(instance).endMetadata().build(),
                new ServiceBuilder().withNewMetadata().withName("db").withLabels(instance).endMetadata().build(),
                new ConfigMapBuilder().withNewMetadata().withName("db-config").withLabels(instance).endMetadata().build(),
                new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withLabels(instance).endMetadata().build(),
                new CronJobBuilder().withNewMetadata().withName("backup").withLabels(instance).endMetadata().build(),
                new IngressBuilder().withNewMetadata().withName("web").withLabels(instance).endMetadata().build());
        for (HasMetadata object : objects) {
            client.resource(object).inNamespace(NS).createOr(NonDeletingOperation::update);
            client.resource(object).inNamespace(NS).createOr(NonDeletingOperation::update);
        }
        for (HasMetadata object : objects) {
            client.resource(object).inNamespace(NS).delete();
        }
    }

    private void inform(java.util.function.Supplier<List<? extends SharedIndexInformer<?>>> start) throws InterruptedException {
        List<? extends SharedIndexInformer<?>> informers = start.get();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> informers.stream().allMatch(SharedIndexInformer::hasSynced));
            // the informers' watches follow their initial lists
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                drain();
                return recorded.stream().filter(r -> KubernetesRequest.fromHttp(r.getMethod(), r.getPath()).verb().equals("watch"))
                        .count() >= informers.size();
            });
        } finally {
            informers.forEach(SharedIndexInformer::stop);
        }
    }

    private void electLeader(String service) throws InterruptedException {
        AtomicBoolean leading = new AtomicBoolean();
        CompletableFuture<?> election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(service)
                .withLock(new LeaseLock(DeployLayout.NAMESPACE, service + "-leader", service + "-pod-1"))
                .withLeaseDuration(Duration.ofSeconds(4))
                .withRenewDeadline(Duration.ofSeconds(3))
                .withRetryPeriod(Duration.ofMillis(100))
                .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), leader -> { }))
                .build()).build().start();
        try {
            // leadership is acquired (the Lease is created) and then renewed (the Lease is written again)
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                drain();
                long leaseWrites = recorded.stream().map(r -> KubernetesRequest.fromHttp(r.getMethod(), r.getPath()))
                        .filter(r -> "leases".equals(r.resource()) && !r.verb().equals("get")).count();
                return leading.get() && leaseWrites >= 2;
            });
        } finally {
            election.cancel(true);
        }
    }

    private void drain() throws InterruptedException {
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            recorded.add(request);
        }
    }

    private void assertEveryRequestGranted(RbacRules rules) throws InterruptedException {
        drain();
        List<KubernetesRequest> requests = recorded.stream().map(r -> KubernetesRequest.fromHttp(r.getMethod(), r.getPath())).toList();
        assertThat(requests).as("requests made").hasSizeGreaterThan(10);
        assertThat(requests.stream().map(KubernetesRequest::verb).distinct())
                .contains("get", "list", "watch", "create", "update", "patch", "delete");
        assertThat(requests.stream().filter(r -> !rules.allows(r)).map(KubernetesRequest::toString).distinct())
                .as("requests the role does not grant").isEmpty();
    }

    private void assertRefused(RbacRules rules, Consumer<Void> operation, String what) throws InterruptedException {
        drain();
        recorded.clear();
        operation.accept(null);
        drain();
        assertThat(recorded).as(what).isNotEmpty();
        assertThat(recorded.stream().map(r -> KubernetesRequest.fromHttp(r.getMethod(), r.getPath())))
                .as(what).anyMatch(r -> !rules.allows(r));
    }
}
