package io.platform.catalog.domain;

import io.platform.templates.QuotaCheck;

/** The instance does not fit into the namespace's tier quota next to the instances it already runs. */
public class QuotaExceededException extends RuntimeException {

    private final QuotaCheck check;

    public QuotaExceededException(String namespace, QuotaCheck check) {
        super("the instance does not fit into namespace " + namespace + ": " + check.summary());
        this.check = check;
    }

    public QuotaCheck check() {
        return check;
    }
}
