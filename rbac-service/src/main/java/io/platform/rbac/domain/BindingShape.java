package io.platform.rbac.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a RoleBinding grants: its role and its subjects. Drift repair compares the shape the platform's records call
 * for with the one in the cluster.
 */
public record BindingShape(String roleKind, String roleName, List<Subject> subjects) {

    public BindingShape {
        Objects.requireNonNull(roleKind);
        Objects.requireNonNull(roleName);
        subjects = List.copyOf(subjects);
    }

    /** One subject of a binding. */
    public record Subject(String kind, String name) {
    }

    public static BindingShape of(TeamBinding binding) {
        return new BindingShape(TeamBinding.ROLE_KIND, binding.clusterRole(),
                List.of(new Subject(TeamBinding.SUBJECT_KIND, binding.subjectGroup())));
    }

    public static BindingShape of(Assignment assignment) {
        return new BindingShape(assignment.roleKind().value(), assignment.roleName(),
                List.of(new Subject(assignment.subjectKind().value(), assignment.subjectName())));
    }
}
