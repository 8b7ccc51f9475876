package io.platform.provisioning.kubernetes;

import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sorts API server errors into the saga's two kinds. Refusals retrying cannot fix (400 bad request, 403 forbidden,
 * 404 API not served, 405, 415, 422 invalid) fail the step; everything else (409 conflict, 429 throttling, 5xx,
 * timeouts and connection errors, reported with code 0) is transient and retried.
 */
final class KubernetesErrors {

    static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 405, 415, 422);

    private KubernetesErrors() {
    }

    static boolean isPermanent(KubernetesClientException e) {
        return PERMANENT.contains(e.getCode());
    }

    /** Runs one API call of a step, translating its failure. */
    static <T> T call(String step, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw translate(step, what, e);
        }
    }

    static RuntimeException translate(String step, String what, KubernetesClientException e) {
        String detail = describe(e);
        if (isPermanent(e)) {
            return new ClusterRefusedException(step, what + " was refused by the API server: " + detail, e);
        }
        return new ClusterUnavailableException(what + " failed transiently: " + detail, e);
    }

    static String describe(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return (e.getCode() <= 0 ? "no answer:" : "HTTP " + e.getCode()) + (message == null ? "" : " " + message);
    }
}
