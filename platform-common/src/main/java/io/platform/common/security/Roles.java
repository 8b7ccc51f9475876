package io.platform.common.security;

import java.util.List;

/** The platform's roles, as they appear in the roles claim. {@code admin} holds them all. */
public final class Roles {

    public static final String NAMESPACE_READ = "namespace:read";
    public static final String NAMESPACE_CREATE = "namespace:create";
    public static final String NAMESPACE_UPDATE = "namespace:update";
    public static final String NAMESPACE_DELETE = "namespace:delete";
    public static final String CATALOG_ADMIN = "catalog:admin";
    public static final String RBAC_ADMIN = "rbac:admin";
    public static final String ANALYTICS_READ = "analytics:read";
    public static final String AUDIT_READ = "audit:read";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(NAMESPACE_READ, NAMESPACE_CREATE, NAMESPACE_UPDATE, NAMESPACE_DELETE,
            CATALOG_ADMIN, RBAC_ADMIN, ANALYTICS_READ, AUDIT_READ, ADMIN);

    private Roles() {
    }
}
