package io.platform.provisioning.domain;

/**
 * Names of the saga's steps, as they appear in {@code NamespaceProvisioningFailed.step} and in the derived event ids.
 */
public final class SagaSteps {

    public static final String ACCEPTED = "accepted";
    public static final String NAMESPACE = "namespace";
    public static final String QUOTA = "quota";
    public static final String POLICIES = "policies";
    public static final String FEATURES = "features";
    public static final String RBAC = "rbac";
    public static final String READY = "ready";
    public static final String REJECTED = "rejected";

    /** Step names used to derive event ids ({@code EventEnvelopes.derived(requestId, step, ...)}). */
    public static final String EVENT_REJECTED = "rejected";
    public static final String EVENT_PROVISIONED = "provisioned";
    public static final String EVENT_POLICIES_APPLIED = "policies-applied";
    public static final String EVENT_READY = "ready";
    public static final String EVENT_FAILED = "failed";

    private SagaSteps() {
    }
}
