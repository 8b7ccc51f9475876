package io.platform.catalog.web;

import io.platform.catalog.domain.AccessDeniedException;
import io.platform.catalog.domain.ConflictException;
import io.platform.catalog.domain.NotFoundException;
import io.platform.catalog.domain.QuotaExceededException;
import io.platform.catalog.domain.VersionExistsException;
import io.platform.templates.TemplateProblem;
import io.platform.common.kafka.EventPublishException;
import io.platform.common.web.ProblemDetailsAdvice;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ValidationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** The domain's refusals as the platform's problems (RFC 7807), rendered by the shared {@link ProblemDetailsAdvice}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblems {

    private static final Logger log = LoggerFactory.getLogger(CatalogProblems.class);

    private final ProblemDetailsAdvice problems;

    CatalogProblems(ProblemDetailsAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(TemplateProblem.class)
    ResponseEntity<Object> invalid(TemplateProblem e, WebRequest request) {
        return problems.handleProblem(new ValidationProblem(e.violations()), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return problems.handleProblem(ProblemException.notFound(e.what()), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        return problems.handleProblem(ProblemException.forbidden(e.getMessage()), request);
    }

    @ExceptionHandler({ConflictException.class, VersionExistsException.class})
    ResponseEntity<Object> conflict(RuntimeException e, WebRequest request) {
        return problems.handleProblem(ProblemException.conflict(e.getMessage()), request);
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<Object> quota(QuotaExceededException e, WebRequest request) {
        return problems.handleProblem(ProblemException.conflict(e.getMessage())
                .with("errors", e.check().violations().stream().map(io.platform.common.web.FieldError::of).toList())
                .with("quota", Views.QuotaView.of(e.check())), request);
    }

    @ExceptionHandler(EventPublishException.class)
    ResponseEntity<Object> unavailable(EventPublishException e, WebRequest request) {
        log.warn("not accepted, the event could not be published: {}", e.getMessage());
        return problems.handleProblem(ProblemException.unavailable("the platform's event backbone is unavailable; "
                + "nothing was changed, retry later", 5), request);
    }
}
