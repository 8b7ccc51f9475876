package io.platform.rbac.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ValidationProblem;
import io.platform.rbac.domain.FieldViolation;
import io.platform.rbac.messaging.AccessException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/** Turns refusals of the RBAC API into RFC 7807 problems. */
final class AccessProblems {

    static final URI CLUSTER_REFUSED = URI.create(ProblemTypes.BASE + "cluster-refused");

    private AccessProblems() {
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (AccessException refused) {
            throw toProblem(refused);
        }
    }

    static ProblemException toProblem(AccessException refused) {
        return switch (refused.kind()) {
            case INVALID -> invalid(refused.violations());
            case NOT_FOUND -> new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                    refused.getMessage());
            case CONFLICT -> ProblemException.conflict(refused.getMessage());
            case CLUSTER_REFUSED -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, CLUSTER_REFUSED,
                    "Refused by the Kubernetes API server", refused.getMessage() + "; nothing was changed");
            case UNAVAILABLE -> ProblemException.unavailable("the Kubernetes API server is unavailable ("
                    + refused.getMessage() + "); nothing was changed, try again", 5);
        };
    }

    static ValidationProblem invalid(List<FieldViolation> violations) {
        return new ValidationProblem(violations.stream()
                .map(v -> new FieldError(v.field(), v.code(), v.message())).toList(), true);
    }
}
