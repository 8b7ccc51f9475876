package io.platform.provisioning.domain;

import java.util.Set;

/** Label and annotation keys the platform writes. */
public final class Labels {

    public static final String MANAGED = "platform.io/managed";
    public static final String TEAM = "platform.io/team";
    public static final String ENVIRONMENT = "platform.io/environment";
    public static final String TIER = "platform.io/tier";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String PLATFORM = "namespace-platform";

    public static final String DESCRIPTION = "platform.io/description";
    public static final String COST_CENTER = "platform.io/cost-center";
    public static final String REQUESTED_BY = "platform.io/requested-by";
    public static final String REQUEST_ID = "platform.io/request-id";

    /** Set by people (never by the platform) on a namespace that must not be deleted. */
    public static final String PROTECTED = "platform.io/protected";

    public static final String POD_SECURITY_PREFIX = "pod-security.kubernetes.io/";
    public static final String POD_SECURITY_ENFORCE = POD_SECURITY_PREFIX + "enforce";
    public static final String POD_SECURITY_AUDIT = POD_SECURITY_PREFIX + "audit";
    public static final String POD_SECURITY_WARN = POD_SECURITY_PREFIX + "warn";

    /** Labels only the platform sets: a feature cannot override them. */
    public static final Set<String> PLATFORM_LABELS = Set.of(MANAGED, TEAM, ENVIRONMENT, TIER, MANAGED_BY, PART_OF);

    /** Annotations only the platform sets: a feature cannot override them. */
    public static final Set<String> PLATFORM_ANNOTATIONS = Set.of(DESCRIPTION, COST_CENTER, REQUESTED_BY, REQUEST_ID);

    private Labels() {
    }
}
