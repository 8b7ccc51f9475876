package io.platform.provisioning.kubernetes;

import static io.platform.provisioning.kubernetes.KubernetesErrors.call;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.DesiredLimits;
import io.platform.provisioning.domain.DesiredNetworkPolicy;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.DesiredQuota;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.Labels;
import io.platform.provisioning.domain.SagaSteps;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cluster through fabric8. Writes are create-or-update so they are correct on a real API server and on the CRUD
 * mock alike (no server-side apply, no strategic merge patch):
 * <ul>
 *   <li>the Namespace is created, or JSON-merge-patched when it exists, so labels other controllers put on it stay;</li>
 *   <li>ResourceQuota, LimitRange and NetworkPolicy belong to the platform entirely and are created or replaced.</li>
 * </ul>
 */
@Component
public class Fabric8Cluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(Fabric8Cluster.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;

    public Fabric8Cluster(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<ExistingNamespace> findNamespace(String name) {
        Namespace namespace = call(SagaSteps.NAMESPACE, "reading Namespace " + name,
                () -> client.namespaces().withName(name).get());
        if (namespace == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        boolean terminating = namespace.getMetadata().getDeletionTimestamp() != null
                || (namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase()));
        return Optional.of(new ExistingNamespace(name, annotations == null ? null : annotations.get(Labels.REQUEST_ID),
                terminating));
    }

    @Override
    public void applyNamespace(DesiredObjects desired) {
        String name = desired.name();
        String requestId = desired.namespace().annotations().get(Labels.REQUEST_ID);
        Namespace namespace = KubernetesObjects.namespace(desired.namespace());
        call(SagaSteps.NAMESPACE, "writing Namespace " + name,
                () -> client.namespaces().resource(namespace).createOr(existing -> existing.patch(MERGE, namespace)));

        DesiredQuota quota = desired.quota();
        call(SagaSteps.QUOTA, "writing ResourceQuota " + name + "/" + quota.name(),
                () -> client.resourceQuotas().inNamespace(name)
                        .resource(KubernetesObjects.quota(name, quota, requestId))
                        .createOr(NonDeletingOperation::update));

        DesiredLimits limits = desired.limits();
        call(SagaSteps.QUOTA, "writing LimitRange " + name + "/" + limits.name(),
                () -> client.limitRanges().inNamespace(name)
                        .resource(KubernetesObjects.limits(name, limits, requestId))
                        .createOr(NonDeletingOperation::update));
    }

    @Override
    public void applyPolicies(DesiredObjects desired) {
        String name = desired.name();
        String requestId = desired.namespace().annotations().get(Labels.REQUEST_ID);
        call(SagaSteps.POLICIES, "labelling Namespace " + name + " with Pod Security level " + desired.podSecurityLevel().value(),
                () -> client.namespaces().withName(name)
                        .patch(MERGE, KubernetesObjects.namespaceMetadata(name, desired.podSecurityLabels(), Map.of())));

        Optional<DesiredNetworkPolicy> policy = desired.networkPolicy();
        if (policy.isPresent()) {
            call(SagaSteps.POLICIES, "writing NetworkPolicy " + name + "/" + policy.get().name(),
                    () -> client.network().v1().networkPolicies().inNamespace(name)
                            .resource(KubernetesObjects.networkPolicy(name, policy.get(), requestId))
                            .createOr(NonDeletingOperation::update));
        } else {
            call(SagaSteps.POLICIES, "removing NetworkPolicy " + name + "/" + DesiredNetworkPolicy.NAME,
                    () -> client.network().v1().networkPolicies().inNamespace(name).withName(DesiredNetworkPolicy.NAME).delete());
        }

        if (!desired.featureLabels().isEmpty() || !desired.featureAnnotations().isEmpty()) {
            call(SagaSteps.FEATURES, "labelling Namespace " + name + " for features " + desired.features(),
                    () -> client.namespaces().withName(name).patch(MERGE,
                            KubernetesObjects.namespaceMetadata(name, desired.featureLabels(), desired.featureAnnotations())));
        }
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
        call(SagaSteps.POLICIES, "removing NetworkPolicy " + namespace,
                () -> client.network().v1().networkPolicies().inNamespace(namespace).withName(DesiredNetworkPolicy.NAME).delete());
        call(SagaSteps.QUOTA, "removing LimitRange " + namespace,
                () -> client.limitRanges().inNamespace(namespace).withName(DesiredLimits.NAME).delete());
        call(SagaSteps.QUOTA, "removing ResourceQuota " + namespace,
                () -> client.resourceQuotas().inNamespace(namespace).withName(DesiredQuota.NAME).delete());
        call(SagaSteps.NAMESPACE, "removing Namespace " + namespace,
                () -> client.namespaces().withName(namespace).delete());
        log.info("removed namespace {} and the objects request {} wrote in it", namespace, requestId);
    }
}
