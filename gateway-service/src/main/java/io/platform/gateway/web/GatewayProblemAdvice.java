package io.platform.gateway.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Gateway-specific problem answers, ahead of the platform's general ones:
 * <ul>
 *   <li>the read model's database unreachable or saturated (no connection in time, transient failures) is a 503 the
 *       client may retry with the same Idempotency-Key, not a 500: nothing was accepted;</li>
 *   <li>a header or parameter the HTTP firewall refuses when a controller reads it (control characters, line breaks)
 *       is a 400, not a 500.</li>
 * </ul>
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GatewayProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemAdvice.class);

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    public ResponseEntity<ProblemDetail> unavailable(RuntimeException exception, HttpServletRequest request) {
        log.warn("read model unavailable: {}", exception.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the gateway's store is temporarily unavailable; nothing was accepted, retry with the same Idempotency-Key");
        problem.setType(ProblemTypes.UNAVAILABLE);
        problem.setTitle("Temporarily unavailable");
        ProblemWriter.decorate(problem, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(NamespaceController.RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(RequestRejectedException.class)
    public ResponseEntity<ProblemDetail> rejected(RequestRejectedException exception, HttpServletRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(rejectedRequest(exception, request));
    }

    /** A request the HTTP firewall refuses (malformed path, header or parameter), as a 400 problem. */
    static ProblemDetail rejectedRequest(RequestRejectedException exception, HttpServletRequest request) {
        log.debug("request rejected: {}", exception.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request's path, a header or a parameter contains characters that are not allowed");
        problem.setType(ProblemTypes.VALIDATION);
        problem.setTitle("Request is invalid");
        problem.setProperty("errors", List.of(new FieldError("", "rejected", "malformed path, header or parameter")));
        ProblemWriter.decorate(problem, request);
        return problem;
    }
}
