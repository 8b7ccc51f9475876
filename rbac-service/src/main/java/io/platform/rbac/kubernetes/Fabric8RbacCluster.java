package io.platform.rbac.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingShape;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.ClusterUnavailableException;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.TeamBinding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * RoleBindings, Roles and ClusterRoles through fabric8, create-or-update (correct on a real API server and on the CRUD
 * mock). A RoleBinding's {@code roleRef} cannot change on a real cluster, so a binding pointing at another role is
 * deleted and created anew.
 */
@Component
public class Fabric8RbacCluster implements RbacCluster {

    static final String LABEL_MANAGED = "platform.io/managed";
    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String LABEL_TEAM = "platform.io/team";
    static final String LABEL_ASSIGNMENT = "platform.io/assignment-id";
    static final String ANNOTATION_REQUEST_ID = "platform.io/request-id";
    static final String PLATFORM = "namespace-platform";
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    /** Refusals retrying cannot fix; 409, 429, 5xx and timeouts (code 0 or -1) are transient. */
    static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 405, 415, 422);

    private static final Logger log = LoggerFactory.getLogger(Fabric8RbacCluster.class);

    private final KubernetesClient client;

    public Fabric8RbacCluster(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void applyBinding(TeamBinding binding) {
        writeBinding(roleBinding(binding));
    }

    @Override
    public void applyAssignment(Assignment assignment) {
        writeBinding(new RoleBindingBuilder()
                .withNewMetadata()
                .withName(assignment.roleBinding())
                .withNamespace(assignment.namespace())
                .addToLabels(LABEL_MANAGED, "true")
                .addToLabels(LABEL_MANAGED_BY, PLATFORM)
                .addToLabels(LABEL_ASSIGNMENT, assignment.id())
                .addToAnnotations(ANNOTATION_REQUEST_ID, assignment.requestId())
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup(RBAC_GROUP)
                .withKind(assignment.roleKind().value())
                .withName(assignment.roleName())
                .endRoleRef()
                .withSubjects(new SubjectBuilder()
                        .withKind(assignment.subjectKind().value())
                        .withApiGroup(RBAC_GROUP)
                        .withName(assignment.subjectName())
                        .build())
                .build());
    }

    private void writeBinding(RoleBinding desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        String what = "RoleBinding " + namespace + "/" + name;
        call(what, () -> {
            RoleBinding existing = client.rbac().roleBindings().inNamespace(namespace).withName(name).get();
            if (existing != null && !sameRole(existing.getRoleRef(), desired.getRoleRef())) {
                log.info("{} points at {} {}; recreating it for {}", what, existing.getRoleRef().getKind(),
                        existing.getRoleRef().getName(), desired.getRoleRef().getName());
                client.rbac().roleBindings().inNamespace(namespace).withName(name).delete();
            }
            return client.rbac().roleBindings().inNamespace(namespace).resource(desired)
                    .createOr(NonDeletingOperation::update);
        });
    }

    @Override
    public void removeBinding(String namespace, String name) {
        call("deleting RoleBinding " + namespace + "/" + name,
                () -> client.rbac().roleBindings().inNamespace(namespace).withName(name).delete());
    }

    @Override
    public void applyRole(CustomRole role) {
        List<PolicyRule> rules = role.rules().stream().map(Fabric8RbacCluster::policyRule).toList();
        Map<String, String> labels = Map.of(LABEL_MANAGED, "true", LABEL_MANAGED_BY, PLATFORM);
        if (role.kind() == RoleKind.ROLE) {
            Role desired = new RoleBuilder().withNewMetadata().withName(role.name()).withNamespace(role.namespace())
                    .withLabels(labels).addToAnnotations(ANNOTATION_REQUEST_ID, role.requestId()).endMetadata()
                    .withRules(rules).build();
            call("writing Role " + role.namespace() + "/" + role.name(), () -> client.rbac().roles()
                    .inNamespace(role.namespace()).resource(desired).createOr(NonDeletingOperation::update));
        } else {
            ClusterRole desired = new ClusterRoleBuilder().withNewMetadata().withName(role.name()).withLabels(labels)
                    .addToAnnotations(ANNOTATION_REQUEST_ID, role.requestId()).endMetadata().withRules(rules).build();
            call("writing ClusterRole " + role.name(), () -> client.rbac().clusterRoles().resource(desired)
                    .createOr(NonDeletingOperation::update));
        }
    }

    @Override
    public void removeRole(RoleKind kind, String namespace, String name) {
        if (kind == RoleKind.ROLE) {
            call("deleting Role " + namespace + "/" + name,
                    () -> client.rbac().roles().inNamespace(namespace).withName(name).delete());
        } else {
            call("deleting ClusterRole " + name, () -> client.rbac().clusterRoles().withName(name).delete());
        }
    }

    @Override
    public boolean existsUnmanaged(RoleKind kind, String namespace, String name) {
        HasMetadata existing = call("reading " + kind.value() + " " + name, () -> kind == RoleKind.ROLE
                ? client.rbac().roles().inNamespace(namespace).withName(name).get()
                : client.rbac().clusterRoles().withName(name).get());
        return existing != null && (existing.getMetadata().getLabels() == null
                || !"true".equals(existing.getMetadata().getLabels().get(LABEL_MANAGED)));
    }

    @Override
    public Optional<List<AccessRule>> clusterRoleRules(String name) {
        ClusterRole role = call("reading ClusterRole " + name, () -> client.rbac().clusterRoles().withName(name).get());
        return Optional.ofNullable(role).map(r -> rules(r.getRules()));
    }

    @Override
    public List<String> managedBindings(String namespace) {
        return call("listing RoleBindings in " + namespace, () -> client.rbac().roleBindings().inNamespace(namespace)
                .withLabel(LABEL_MANAGED, "true").list().getItems().stream()
                .map(binding -> binding.getMetadata().getName()).sorted().toList());
    }

    @Override
    public Optional<BindingShape> observeBinding(String namespace, String name) {
        RoleBinding binding = call("reading RoleBinding " + namespace + "/" + name,
                () -> client.rbac().roleBindings().inNamespace(namespace).withName(name).get());
        if (binding == null) {
            return Optional.empty();
        }
        RoleRef ref = binding.getRoleRef();
        return Optional.of(new BindingShape(ref == null ? "" : String.valueOf(ref.getKind()),
                ref == null ? "" : String.valueOf(ref.getName()),
                binding.getSubjects() == null ? List.of() : binding.getSubjects().stream()
                        .map(subject -> new BindingShape.Subject(subject.getKind(), subject.getName())).toList()));
    }

    @Override
    public Optional<List<AccessRule>> observeRole(RoleKind kind, String namespace, String name) {
        if (kind == RoleKind.ROLE) {
            Role role = call("reading Role " + namespace + "/" + name,
                    () -> client.rbac().roles().inNamespace(namespace).withName(name).get());
            return Optional.ofNullable(role).map(r -> rules(r.getRules()));
        }
        return clusterRoleRules(name);
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

    private static PolicyRule policyRule(AccessRule rule) {
        return new PolicyRuleBuilder()
                .withApiGroups(rule.apiGroups())
                .withResources(rule.resources())
                .withVerbs(rule.verbs())
                .withResourceNames(rule.resourceNames().isEmpty() ? null : rule.resourceNames())
                .build();
    }

    private static List<AccessRule> rules(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules.stream().map(rule -> new AccessRule(rule.getApiGroups(),
                rule.getResources(), rule.getVerbs(), rule.getResourceNames())).toList();
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
        String detail = (e.getCode() <= 0 ? "no answer:" : "HTTP " + e.getCode()) + (message == null ? "" : " " + message);
        if (PERMANENT.contains(e.getCode())) {
            return new ClusterRefusedException(what + " was refused by the API server: " + detail, e);
        }
        return new ClusterUnavailableException(what + " failed transiently: " + detail, e);
    }
}
