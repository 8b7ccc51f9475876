package io.platform.rbac.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.ClusterUnavailableException;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.TeamBinding;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * RoleBindings through fabric8, create-or-update (correct on a real API server and on the CRUD mock). A RoleBinding's
 * {@code roleRef} cannot change on a real cluster, so a binding pointing at another role is deleted and created anew.
 */
@Component
public class Fabric8RbacCluster implements RbacCluster {

    static final String LABEL_MANAGED = "platform.io/managed";
    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String LABEL_TEAM = "platform.io/team";
    static final String ANNOTATION_REQUEST_ID = "platform.io/request-id";
    static final String PLATFORM = "namespace-platform";

    /** Refusals retrying cannot fix; 409, 429, 5xx and timeouts (code 0) are transient. */
    static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 405, 415, 422);

    private static final Logger log = LoggerFactory.getLogger(Fabric8RbacCluster.class);

    private final KubernetesClient client;

    public Fabric8RbacCluster(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void applyBinding(TeamBinding binding) {
        RoleBinding desired = roleBinding(binding);
        String what = "RoleBinding " + binding.namespace() + "/" + binding.name();
        Resource<RoleBinding> resource = client.rbac().roleBindings().inNamespace(binding.namespace()).resource(desired);
        call(what, () -> {
            RoleBinding existing = client.rbac().roleBindings().inNamespace(binding.namespace()).withName(binding.name()).get();
            if (existing != null && !sameRole(existing.getRoleRef(), desired.getRoleRef())) {
                log.info("{} points at {} {}; recreating it for {}", what, existing.getRoleRef().getKind(),
                        existing.getRoleRef().getName(), binding.clusterRole());
                client.rbac().roleBindings().inNamespace(binding.namespace()).withName(binding.name()).delete();
            }
            return resource.createOr(NonDeletingOperation::update);
        });
    }

    static RoleBinding roleBinding(TeamBinding binding) {
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(binding.name())
                .withNamespace(binding.namespace())
                .addToLabels(LABEL_MANAGED, "true")
                .addToLabels(LABEL_MANAGED_BY, PLATFORM)
                .addToLabels(LABEL_TEAM, binding.team())
                .addToAnnotations(ANNOTATION_REQUEST_ID, binding.requestId())
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup(TeamBinding.RBAC_API_GROUP)
                .withKind(TeamBinding.ROLE_KIND)
                .withName(binding.clusterRole())
                .endRoleRef()
                .withSubjects(new SubjectBuilder()
                        .withKind(TeamBinding.SUBJECT_KIND)
                        .withApiGroup(TeamBinding.RBAC_API_GROUP)
                        .withName(binding.subjectGroup())
                        .build())
                .build();
    }

    private static boolean sameRole(RoleRef existing, RoleRef desired) {
        return existing != null && Objects.equals(existing.getKind(), desired.getKind())
                && Objects.equals(existing.getName(), desired.getName())
                && Objects.equals(existing.getApiGroup(), desired.getApiGroup());
    }

    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    static RuntimeException translate(String what, KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        String detail = (e.getCode() == 0 ? "no answer" : "HTTP " + e.getCode()) + (message == null ? "" : " " + message);
        if (PERMANENT.contains(e.getCode())) {
            return new ClusterRefusedException(what + " was refused by the API server: " + detail, e);
        }
        return new ClusterUnavailableException(what + " failed transiently: " + detail, e);
    }
}
