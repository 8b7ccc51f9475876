package io.platform.provisioning.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ValidationProblem;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.messaging.SagaRetries;
import io.platform.provisioning.messaging.SagaRetries.RetryRefusedException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/requests/{id}/retry} (role {@code admin}; the gateway routes it here): runs a FAILED request's
 * saga again under the same request id. 202 with the request as it restarts; 404 for an unknown request; 409 when it
 * is not FAILED, its namespace name is owned by another request now, the team's limits no longer allow it, or the
 * namespace of a day-2 request is not READY.
 */
@RestController
public class RequestRetryController {

    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    private final SagaRetries retries;

    public RequestRetryController(SagaRetries retries) {
        this.retries = retries;
    }

    @PostMapping("/api/v1/requests/{id}/retry")
    @PreAuthorize("hasAuthority('admin')")
    public ResponseEntity<RetryAccepted> retry(@PathVariable String id) {
        if (!REQUEST_ID.matcher(id).matches()) {
            throw new ValidationProblem(List.of(new FieldError("id", "pattern",
                    "must be a request id: letters, digits, '.', '_', ':' and '-', at most 128 characters")), true);
        }
        try {
            ProvisioningSaga retried = retries.retry(id);
            return ResponseEntity.accepted()
                    .location(URI.create("/api/v1/requests/" + id))
                    .body(new RetryAccepted(retried.requestId(), retried.type().name(), retried.name(),
                            retried.status().name(), retried.attempt()));
        } catch (RetryRefusedException refused) {
            if (refused.kind() == RetryRefusedException.Kind.NOT_FOUND) {
                throw ProblemException.notFound("request " + id);
            }
            ProblemException conflict = ProblemException.conflict(refused.getMessage());
            if (!refused.violations().isEmpty()) {
                conflict.with("errors", refused.violations().stream().map(FieldError::of).toList());
            }
            throw conflict;
        }
    }

    /** The answer: the request as it starts again. */
    public record RetryAccepted(String requestId, String type, String name, String status, int attempt) {
    }
}
