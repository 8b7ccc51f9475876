package io.platform.rbac.web;

import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.TeamBinding;
import java.time.Instant;

/** A managed RoleBinding as the API shows it. */
public record BindingView(String namespace, String name, String team, String subjectKind, String subjectGroup,
                          String roleKind, String clusterRole, String requestId, Instant createdAt, Instant updatedAt) {

    static BindingView of(ManagedBinding managed) {
        TeamBinding binding = managed.binding();
        return new BindingView(binding.namespace(), binding.name(), binding.team(), TeamBinding.SUBJECT_KIND,
                binding.subjectGroup(), TeamBinding.ROLE_KIND, binding.clusterRole(), binding.requestId(),
                managed.createdAt(), managed.updatedAt());
    }
}
