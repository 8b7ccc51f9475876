package io.platform.rbac.web;

import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.CustomRole;
import java.time.Instant;
import java.util.List;

/** A custom role as the API shows it. */
public record RoleView(String id, String kind, String name, String namespace, String description, List<AccessRule> rules,
                       String requestId, String createdBy, Instant createdAt, Instant updatedAt) {

    static RoleView of(CustomRole role) {
        return new RoleView(role.id(), role.kind().value(), role.name(), role.namespace(), role.description(),
                role.rules(), role.requestId(), role.createdBy(), role.createdAt(), role.updatedAt());
    }
}
