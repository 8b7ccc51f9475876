package io.platform.provisioning.domain;

/**
 * Names of the saga's steps, as they appear in {@code NamespaceProvisioningFailed.step}, in the step timer's tag and in
 * the derived event ids.
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
    /** A day-2 change being applied. */
    public static final String UPDATE = "update";
    /** A deletion: bindings are being removed (rbac-service), then the objects and the namespace. */
    public static final String DELETION = "deletion";
    /** The namespace was deleted and the saga waits until the API server no longer has it. */
    public static final String NAMESPACE_TERMINATING = "namespace-terminating";
    public static final String DELETED = "deleted";
    /** The request did not finish within the deadline. */
    public static final String DEADLINE = "deadline";
    /** Removing what a failed request created. */
    public static final String COMPENSATION = "compensation";

    /** Step names used to derive event ids ({@code EventEnvelopes.derived(requestId, step, ...)}). */
    public static final String EVENT_REJECTED = "rejected";
    public static final String EVENT_PROVISIONED = "provisioned";
    public static final String EVENT_POLICIES_APPLIED = "policies-applied";
    public static final String EVENT_READY = "ready";
    public static final String EVENT_FAILED = "failed";
    public static final String EVENT_UPDATED = "updated";
    public static final String EVENT_DELETION_STARTED = "deletion-started";
    public static final String EVENT_DELETED = "deleted";

    private SagaSteps() {
    }

    /**
     * The step name of an event of the given attempt: attempt 1 uses the plain name, a retried request
     * ({@code POST /api/v1/requests/{id}/retry}) gets {@code <step>#<attempt>}, so its events are new facts with new ids
     * while a redelivery within one attempt still yields the identical event.
     */
    public static String ofAttempt(String eventStep, int attempt) {
        return attempt <= 1 ? eventStep : eventStep + "#" + attempt;
    }
}
