package io.platform.provisioning.kubernetes;

import static io.platform.provisioning.kubernetes.KubernetesErrors.call;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.DesiredLimits;
import io.platform.provisioning.domain.DesiredNetworkPolicy;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.DesiredQuota;
import io.platform.provisioning.domain.Drift;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.IngressSource;
import io.platform.provisioning.domain.Labels;
import io.platform.provisioning.domain.ObservedNamespace;
import io.platform.provisioning.domain.SagaSteps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster through fabric8. Writes are create-or-update so they are correct on a real API server and on the CRUD
 * mock alike (no server-side apply, no strategic merge patch):
 * <ul>
 *   <li>the Namespace is created, or JSON-merge-patched when it exists: only the platform's own label and annotation
 *       keys are set (or removed with {@code null}), so keys other controllers or people put on it stay;</li>
 *   <li>ResourceQuota, LimitRange and NetworkPolicy belong to the platform entirely and are created or replaced.</li>
 * </ul>
 */
public class Fabric8Cluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(Fabric8Cluster.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final Set<Integer> SWEEP_SKIPPED = Set.of(403, 404, 405);

    private final KubernetesClient client;
    private final List<ResourceDefinitionContext> sweptKinds;

    public Fabric8Cluster(KubernetesClient client) {
        this(client, List.of());
    }

    /**
     * @param sweptKinds namespaced kinds whose objects are deleted before the Namespace on deletion (what a real API
     *                   server's cascade would remove; the CRUD mock keeps them otherwise)
     */
    public Fabric8Cluster(KubernetesClient client, List<ResourceDefinitionContext> sweptKinds) {
        this.client = client;
        this.sweptKinds = List.copyOf(sweptKinds);
    }

    @Override
    public Optional<ExistingNamespace> findNamespace(String name) {
        Namespace namespace = call(SagaSteps.NAMESPACE, "reading Namespace " + name,
                () -> client.namespaces().withName(name).get());
        if (namespace == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        Map<String, String> labels = namespace.getMetadata().getLabels();
        return Optional.of(new ExistingNamespace(name, annotations == null ? null : annotations.get(Labels.REQUEST_ID),
                terminating(namespace), labels != null && "true".equals(labels.get(Labels.PROTECTED))));
    }

    @Override
    public void applyNamespace(DesiredObjects desired) {
        String name = desired.name();
        Namespace namespace = KubernetesObjects.namespace(desired.namespace());
        call(SagaSteps.NAMESPACE, "writing Namespace " + name,
                () -> client.namespaces().resource(namespace).createOr(existing -> existing.patch(MERGE, namespace)));
        writeQuota(desired);
        writeLimits(desired);
    }

    @Override
    public void applyPolicies(DesiredObjects desired) {
        String name = desired.name();
        call(SagaSteps.POLICIES, "labelling Namespace " + name + " with Pod Security level " + desired.podSecurityLevel().value(),
                () -> client.namespaces().withName(name)
                        .patch(MERGE, KubernetesObjects.namespaceMetadata(name, desired.podSecurityLabels(), Map.of())));
        writeNetworkPolicy(desired, SagaSteps.POLICIES);
        if (!desired.featureLabels().isEmpty() || !desired.featureAnnotations().isEmpty()) {
            call(SagaSteps.FEATURES, "labelling Namespace " + name + " for features " + desired.features(),
                    () -> client.namespaces().withName(name).patch(MERGE,
                            KubernetesObjects.namespaceMetadata(name, desired.featureLabels(), desired.featureAnnotations())));
        }
    }

    @Override
    public void applyChange(DesiredObjects previous, DesiredObjects next) {
        String name = next.name();
        Set<String> staleLabels = new LinkedHashSet<>(previous == null ? Set.of() : previous.namespaceLabels().keySet());
        staleLabels.removeAll(next.namespaceLabels().keySet());
        Set<String> staleAnnotations = new LinkedHashSet<>(previous == null ? Set.of() : previous.namespaceAnnotations().keySet());
        staleAnnotations.removeAll(next.namespaceAnnotations().keySet());
        call(SagaSteps.UPDATE, "updating Namespace " + name, () -> writeNamespaceMetadata(next, staleLabels, staleAnnotations));
        writeQuota(next);
        writeLimits(next);
        writeNetworkPolicy(next, SagaSteps.POLICIES);
    }

    /**
     * Read-modify-write of the Namespace's metadata: the platform's keys set, the stale ones removed, every other key
     * kept. The update carries the resource version read, so a concurrent change answers 409 (transient: the step runs
     * again). A JSON merge patch with {@code null} values would be shorter, but the CRUD mock stores the {@code null}
     * instead of removing the key; a real API server would remove it. This way is correct on both.
     */
    private Namespace writeNamespaceMetadata(DesiredObjects desired, Set<String> staleLabels, Set<String> staleAnnotations) {
        Namespace current = client.namespaces().withName(desired.name()).get();
        if (current == null) {
            Namespace created = KubernetesObjects.namespaceMetadata(desired.name(), desired.namespaceLabels(),
                    desired.namespaceAnnotations());
            return client.namespaces().resource(created).create();
        }
        Map<String, String> labels = new LinkedHashMap<>(current.getMetadata().getLabels() == null
                ? Map.of() : current.getMetadata().getLabels());
        staleLabels.forEach(labels::remove);
        labels.putAll(desired.namespaceLabels());
        Map<String, String> annotations = new LinkedHashMap<>(current.getMetadata().getAnnotations() == null
                ? Map.of() : current.getMetadata().getAnnotations());
        staleAnnotations.forEach(annotations::remove);
        annotations.putAll(desired.namespaceAnnotations());
        if (labels.equals(current.getMetadata().getLabels()) && annotations.equals(current.getMetadata().getAnnotations())) {
            return current;
        }
        current.getMetadata().setLabels(labels);
        current.getMetadata().setAnnotations(annotations);
        return client.namespaces().resource(current).update();
    }

    /**
     * Deletes the namespaced objects one by one before the Namespace: a real API server would cascade, the CRUD mock
     * does not, and explicit deletes are correct on both.
     */
    @Override
    public void remove(String namespace, String requestId) {
        Optional<ExistingNamespace> existing = findNamespace(namespace);
        if (existing.isEmpty()) {
            return;
        }
        if (!existing.get().createdBy(requestId)) {
            log.warn("not removing namespace {}: it was not created by request {}", namespace, requestId);
            return;
        }
        deleteOwnObjects(namespace, SagaSteps.COMPENSATION);
        call(SagaSteps.COMPENSATION, "removing Namespace " + namespace,
                () -> client.namespaces().withName(namespace).delete());
        log.info("removed namespace {} and the objects request {} wrote in it", namespace, requestId);
    }

    @Override
    public List<String> deleteNamespace(String namespace) {
        List<String> deleted = new ArrayList<>(deleteOwnObjects(namespace, SagaSteps.DELETION));
        deleted.addAll(sweep(namespace));
        boolean existed = call(SagaSteps.DELETION, "deleting Namespace " + namespace,
                () -> !client.namespaces().withName(namespace).delete().isEmpty());
        if (existed) {
            deleted.add("Namespace/" + namespace);
        }
        return deleted;
    }

    private List<String> deleteOwnObjects(String namespace, String step) {
        List<String> deleted = new ArrayList<>();
        if (call(step, "removing NetworkPolicy " + namespace + "/" + DesiredNetworkPolicy.NAME,
                () -> !client.network().v1().networkPolicies().inNamespace(namespace).withName(DesiredNetworkPolicy.NAME)
                        .delete().isEmpty())) {
            deleted.add("NetworkPolicy/" + DesiredNetworkPolicy.NAME);
        }
        if (call(step, "removing LimitRange " + namespace + "/" + DesiredLimits.NAME,
                () -> !client.limitRanges().inNamespace(namespace).withName(DesiredLimits.NAME).delete().isEmpty())) {
            deleted.add("LimitRange/" + DesiredLimits.NAME);
        }
        if (call(step, "removing ResourceQuota " + namespace + "/" + DesiredQuota.NAME,
                () -> !client.resourceQuotas().inNamespace(namespace).withName(DesiredQuota.NAME).delete().isEmpty())) {
            deleted.add("ResourceQuota/" + DesiredQuota.NAME);
        }
        return deleted;
    }

    /** What a real API server's namespace deletion would remove too; kinds the service may not list are skipped. */
    private List<String> sweep(String namespace) {
        List<String> deleted = new ArrayList<>();
        for (ResourceDefinitionContext kind : sweptKinds) {
            try {
                List<GenericKubernetesResource> items = client.genericKubernetesResources(kind).inNamespace(namespace)
                        .list().getItems();
                for (GenericKubernetesResource item : items) {
                    client.genericKubernetesResources(kind).inNamespace(namespace).withName(item.getMetadata().getName()).delete();
                    deleted.add(kind.getKind() + "/" + item.getMetadata().getName());
                }
            } catch (KubernetesClientException e) {
                if (!SWEEP_SKIPPED.contains(e.getCode())) {
                    throw KubernetesErrors.translate(SagaSteps.DELETION, "removing " + kind.getPlural() + " in " + namespace, e);
                }
                log.debug("not sweeping {} in {}: {}", kind.getPlural(), namespace, KubernetesErrors.describe(e));
            }
        }
        return deleted;
    }

    @Override
    public ObservedNamespace observe(String name) {
        Namespace namespace = call(SagaSteps.NAMESPACE, "reading Namespace " + name,
                () -> client.namespaces().withName(name).get());
        ResourceQuota quota = call(SagaSteps.QUOTA, "reading ResourceQuota " + name,
                () -> client.resourceQuotas().inNamespace(name).withName(DesiredQuota.NAME).get());
        LimitRange limits = call(SagaSteps.QUOTA, "reading LimitRange " + name,
                () -> client.limitRanges().inNamespace(name).withName(DesiredLimits.NAME).get());
        NetworkPolicy policy = call(SagaSteps.POLICIES, "reading NetworkPolicy " + name,
                () -> client.network().v1().networkPolicies().inNamespace(name).withName(DesiredNetworkPolicy.NAME).get());
        return new ObservedNamespace(
                namespace != null,
                namespace != null && terminating(namespace),
                namespace == null ? Map.of() : namespace.getMetadata().getLabels(),
                namespace == null ? Map.of() : namespace.getMetadata().getAnnotations(),
                Optional.ofNullable(quota).map(q -> q.getSpec() == null ? Map.of() : strings(q.getSpec().getHard())),
                Optional.ofNullable(limits).map(Fabric8Cluster::observedLimits),
                Optional.ofNullable(policy).map(p -> new ObservedNamespace.ObservedPolicy(sources(p))));
    }

    @Override
    public void repair(DesiredObjects desired, Drift drift) {
        switch (drift.kind()) {
            case Drift.NAMESPACE -> {
                Namespace namespace = KubernetesObjects.namespaceMetadata(desired.name(), desired.namespaceLabels(),
                        desired.namespaceAnnotations());
                call(SagaSteps.NAMESPACE, "restoring Namespace " + desired.name(),
                        () -> client.namespaces().resource(namespace).createOr(existing -> existing.patch(MERGE, namespace)));
            }
            case Drift.RESOURCE_QUOTA -> writeQuota(desired);
            case Drift.LIMIT_RANGE -> writeLimits(desired);
            case Drift.NETWORK_POLICY -> writeNetworkPolicy(desired, SagaSteps.POLICIES);
            default -> throw new IllegalArgumentException("no repair for " + drift.kind());
        }
    }

    private void writeQuota(DesiredObjects desired) {
        String name = desired.name();
        DesiredQuota quota = desired.quota();
        String requestId = desired.namespace().annotations().get(Labels.REQUEST_ID);
        call(SagaSteps.QUOTA, "writing ResourceQuota " + name + "/" + quota.name(),
                () -> client.resourceQuotas().inNamespace(name)
                        .resource(KubernetesObjects.quota(name, quota, requestId))
                        .createOr(NonDeletingOperation::update));
    }

    private void writeLimits(DesiredObjects desired) {
        String name = desired.name();
        DesiredLimits limits = desired.limits();
        String requestId = desired.namespace().annotations().get(Labels.REQUEST_ID);
        call(SagaSteps.QUOTA, "writing LimitRange " + name + "/" + limits.name(),
                () -> client.limitRanges().inNamespace(name)
                        .resource(KubernetesObjects.limits(name, limits, requestId))
                        .createOr(NonDeletingOperation::update));
    }

    private void writeNetworkPolicy(DesiredObjects desired, String step) {
        String name = desired.name();
        String requestId = desired.namespace().annotations().get(Labels.REQUEST_ID);
        Optional<DesiredNetworkPolicy> policy = desired.networkPolicy();
        if (policy.isPresent()) {
            call(step, "writing NetworkPolicy " + name + "/" + policy.get().name(),
                    () -> client.network().v1().networkPolicies().inNamespace(name)
                            .resource(KubernetesObjects.networkPolicy(name, policy.get(), requestId))
                            .createOr(NonDeletingOperation::update));
        } else {
            call(step, "removing NetworkPolicy " + name + "/" + DesiredNetworkPolicy.NAME,
                    () -> client.network().v1().networkPolicies().inNamespace(name).withName(DesiredNetworkPolicy.NAME).delete());
        }
    }

    private static boolean terminating(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() != null
                || (namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase()));
    }

    private static Map<String, String> strings(Map<String, Quantity> quantities) {
        Map<String, String> values = new LinkedHashMap<>();
        if (quantities != null) {
            quantities.forEach((key, value) -> values.put(key, value == null ? null : value.toString()));
        }
        return values;
    }

    private static ObservedNamespace.ObservedLimits observedLimits(LimitRange limits) {
        List<LimitRangeItem> items = limits.getSpec() == null || limits.getSpec().getLimits() == null
                ? List.of() : limits.getSpec().getLimits();
        if (items.size() != 1 || !"Container".equals(items.get(0).getType())) {
            return new ObservedNamespace.ObservedLimits(false, Map.of(), Map.of());
        }
        return new ObservedNamespace.ObservedLimits(true, strings(items.get(0).getDefault()),
                strings(items.get(0).getDefaultRequest()));
    }

    /** The allowed sources when the policy has the platform's shape: every pod, ingress only, one rule, no ports. */
    static Optional<List<IngressSource>> sources(NetworkPolicy policy) {
        if (policy.getSpec() == null || !selectsEverything(policy.getSpec().getPodSelector())
                || !List.of("Ingress").equals(policy.getSpec().getPolicyTypes())
                || policy.getSpec().getIngress() == null || policy.getSpec().getIngress().size() != 1
                || (policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty())) {
            return Optional.empty();
        }
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        if (rule.getPorts() != null && !rule.getPorts().isEmpty() || rule.getFrom() == null) {
            return Optional.empty();
        }
        List<IngressSource> sources = new ArrayList<>();
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null) {
                return Optional.empty();
            }
            if (peer.getNamespaceSelector() == null && selectsEverything(peer.getPodSelector())) {
                sources.add(new IngressSource.SameNamespace());
            } else if (peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                    && (peer.getNamespaceSelector().getMatchExpressions() == null
                        || peer.getNamespaceSelector().getMatchExpressions().isEmpty())
                    && peer.getNamespaceSelector().getMatchLabels() != null
                    && peer.getNamespaceSelector().getMatchLabels().size() == 1) {
                Map.Entry<String, String> label = peer.getNamespaceSelector().getMatchLabels().entrySet().iterator().next();
                sources.add(new IngressSource.NamespacesLabelled(label.getKey(), label.getValue()));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(sources);
    }

    private static boolean selectsEverything(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
