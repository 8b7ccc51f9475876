package io.platform.common.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a platform service answers is RFC 7807 {@code application/problem+json} with a stable {@code type},
 * field errors where there are any, the request path and the correlation id.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final Map<Integer, java.net.URI> TYPES = Map.ofEntries(
            Map.entry(400, ProblemTypes.VALIDATION),
            Map.entry(401, ProblemTypes.UNAUTHORIZED),
            Map.entry(403, ProblemTypes.FORBIDDEN),
            Map.entry(404, ProblemTypes.NOT_FOUND),
            Map.entry(405, ProblemTypes.METHOD_NOT_ALLOWED),
            Map.entry(406, ProblemTypes.NOT_ACCEPTABLE),
            Map.entry(409, ProblemTypes.CONFLICT),
            Map.entry(413, ProblemTypes.PAYLOAD_TOO_LARGE),
            Map.entry(415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE),
            Map.entry(429, ProblemTypes.RATE_LIMITED),
            Map.entry(503, ProblemTypes.UNAVAILABLE));

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Object> handleProblem(ProblemException exception, WebRequest request) {
        return createResponseEntity(exception.toProblemDetail(), exception.headers(), exception.status(), request);
    }

    /** Security exceptions thrown inside a controller belong to the security filter chain's handlers. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public void rethrowSecurity(RuntimeException exception) {
        throw exception;
    }

    /**
     * The database is unreachable or failed in the middle of a transaction (e.g. a rollback that could not reach it):
     * the change was not made, so the answer is 503 with Retry-After, never 500.
     */
    @ExceptionHandler({org.springframework.transaction.TransactionException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class})
    public ResponseEntity<Object> handleStoreUnavailable(RuntimeException exception, WebRequest request) {
        log.warn("database unavailable: {}", exception.getMessage());
        return handleProblem(ProblemException.unavailable(
                "the database is unavailable; nothing was changed, retry later (with the same Idempotency-Key)", 5),
                request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception exception, WebRequest request) {
        log.error("unhandled error", exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; quote the correlation id when reporting it");
        problem.setType(ProblemTypes.INTERNAL);
        problem.setTitle("Internal error");
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), codeOf(error.getCode()),
                        error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
                .toList();
        ValidationProblem problem = new ValidationProblem(errors, true);
        return createResponseEntity(problem.toProblemDetail(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = exception.getCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = new ValidationProblem(List.of(new FieldError(path(unknown), "unknown-field",
                    "is not a field of this request")), true).toProblemDetail();
        } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = new ValidationProblem(List.of(new FieldError(path(mismatch), "type",
                    "has the wrong type or shape")), true).toProblemDetail();
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    cause instanceof JacksonException ? "the body is not valid JSON" : "the body is missing or unreadable");
            problem.setType(ProblemTypes.MALFORMED_BODY);
            problem.setTitle("Malformed body");
        }
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = exception instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(exception.getPropertyName());
        ProblemDetail problem = new ValidationProblem(List.of(new FieldError(field, "type",
                "has the wrong type")), true).toProblemDetail();
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(TYPES.getOrDefault(status.value(), ProblemTypes.INTERNAL));
        }
        HttpServletRequest servletRequest = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
        ProblemWriter.decorate(problem, servletRequest);
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, answerHeaders, status);
    }

    private static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    private static String codeOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotBlank", "NotNull", "NotEmpty" -> "required";
            case "Size", "Min", "Max" -> "size";
            case "Pattern" -> "pattern";
            default -> constraint.toLowerCase();
        };
    }
}
