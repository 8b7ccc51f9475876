package io.platform.templates;

import io.platform.rules.Violation;
import java.util.List;

/**
 * A template, its parameters or its rendering was refused. {@code step} says where: {@code validate} (parameters or
 * the template itself), {@code render} (the manifests), {@code quota} (headroom).
 */
public class TemplateProblem extends RuntimeException {

    public static final String VALIDATE = "validate";
    public static final String RENDER = "render";
    public static final String QUOTA = "quota";

    private final String step;
    private final List<Violation> violations;

    public TemplateProblem(String step, List<Violation> violations) {
        super(violations.stream().map(v -> (v.field().isEmpty() ? "" : v.field() + ": ") + v.message())
                .reduce((a, b) -> a + "; " + b).orElse(step + " failed"));
        this.step = step;
        this.violations = List.copyOf(violations);
    }

    public String step() {
        return step;
    }

    public List<Violation> violations() {
        return violations;
    }
}
