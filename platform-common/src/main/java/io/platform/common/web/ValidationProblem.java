package io.platform.common.web;

import io.platform.rules.Violation;
import java.util.List;
import org.springframework.http.HttpStatus;

/** 400 with the list of field errors. */
public class ValidationProblem extends ProblemException {

    private final List<FieldError> errors;

    public ValidationProblem(List<Violation> violations) {
        this(violations.stream().map(FieldError::of).toList(), true);
    }

    public ValidationProblem(List<FieldError> errors, boolean ignored) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Request is invalid",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
        with("errors", this.errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
