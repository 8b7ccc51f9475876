package io.platform.rbac.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.platform.kubernetes.DriftWatcher;
import io.platform.rbac.config.RbacProperties;
import io.platform.rbac.domain.DriftReconciler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Watches the RoleBindings, Roles and ClusterRoles rbac-service manages (label {@code platform.io/managed=true}) on the
 * elected replica. A change has only that object's record checked (one read of the object), never a full pass, so the
 * cost of a change does not grow with the number of objects managed; a check that fails is made again every second
 * (up to two minutes); a full pass over every record runs every {@code resync-interval}.
 */
public class RbacDriftWatcher extends DriftWatcher<RbacDriftWatcher.ObjectRef> {

    private static final String MANAGED = "platform.io/managed";

    private final DriftReconciler reconciler;

    public RbacDriftWatcher(KubernetesClient client, DriftReconciler reconciler, RbacProperties.Drift properties) {
        super(client, settings(properties), "RBAC drift repair");
        this.reconciler = reconciler;
    }

    /** A watched object: kind, namespace (null for a ClusterRole), name. */
    public record ObjectRef(String kind, String namespace, String name) {
    }

    private static Settings settings(RbacProperties.Drift properties) {
        RbacProperties.Lease lease = properties.lease();
        return new Settings(properties.enabled(), properties.resyncInterval(), properties.debounce(), lease.namespace(),
                lease.name(), lease.duration(), lease.renewDeadline(), lease.retryPeriod(), Duration.ofSeconds(1), 120);
    }

    @Override
    protected List<SharedIndexInformer<?>> inform(KubernetesClient client, ResourceEventHandler<HasMetadata> handler) {
        return List.of(
                client.rbac().roleBindings().inAnyNamespace().withLabel(MANAGED, "true").inform(cast(handler)),
                client.rbac().roles().inAnyNamespace().withLabel(MANAGED, "true").inform(cast(handler)),
                client.rbac().clusterRoles().withLabel(MANAGED, "true").inform(cast(handler)));
    }

    @Override
    protected Optional<ObjectRef> keyOf(HasMetadata object) {
        return Optional.of(new ObjectRef(HasMetadata.getKind(object.getClass()), object.getMetadata().getNamespace(),
                object.getMetadata().getName()));
    }

    @Override
    protected boolean check(ObjectRef ref) {
        return reconciler.reconcile(ref.kind(), ref.namespace(), ref.name());
    }

    @Override
    protected void fullPass() {
        reconciler.reconcileAll();
    }
}
