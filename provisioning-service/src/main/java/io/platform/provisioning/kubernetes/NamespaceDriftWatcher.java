package io.platform.provisioning.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.platform.kubernetes.DriftWatcher;
import io.platform.provisioning.config.DriftProperties;
import io.platform.provisioning.domain.DriftReconciler;
import io.platform.provisioning.domain.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Watches what provisioning-service manages (Namespaces, ResourceQuotas, LimitRanges and NetworkPolicies labelled
 * {@code platform.io/managed=true}) on the elected replica; a change has its namespace checked, a namespace that is
 * busy or not settled yet is checked again every second (up to two minutes), and a full pass runs every
 * {@code resync-interval}.
 */
public class NamespaceDriftWatcher extends DriftWatcher<String> {

    private final DriftReconciler reconciler;

    public NamespaceDriftWatcher(KubernetesClient client, DriftReconciler reconciler, DriftProperties properties) {
        super(client, settings(properties), "drift repair");
        this.reconciler = reconciler;
    }

    private static Settings settings(DriftProperties properties) {
        DriftProperties.Lease lease = properties.lease();
        return new Settings(properties.enabled(), properties.resyncInterval(), properties.debounce(), lease.namespace(),
                lease.name(), lease.duration(), lease.renewDeadline(), lease.retryPeriod(), Duration.ofSeconds(1), 120);
    }

    @Override
    protected List<SharedIndexInformer<?>> inform(KubernetesClient client, ResourceEventHandler<HasMetadata> handler) {
        return List.of(
                client.namespaces().withLabel(Labels.MANAGED, "true").inform(cast(handler)),
                client.resourceQuotas().inAnyNamespace().withLabel(Labels.MANAGED, "true").inform(cast(handler)),
                client.limitRanges().inAnyNamespace().withLabel(Labels.MANAGED, "true").inform(cast(handler)),
                client.network().v1().networkPolicies().inAnyNamespace().withLabel(Labels.MANAGED, "true")
                        .inform(cast(handler)));
    }

    @Override
    protected Optional<String> keyOf(HasMetadata object) {
        return Optional.ofNullable(object instanceof Namespace ? object.getMetadata().getName()
                : object.getMetadata().getNamespace());
    }

    @Override
    protected boolean check(String namespace) {
        return reconciler.reconcile(namespace);
    }

    @Override
    protected void fullPass() {
        reconciler.reconcileAll();
    }
}
