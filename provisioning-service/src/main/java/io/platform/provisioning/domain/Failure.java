package io.platform.provisioning.domain;

import java.util.Objects;

/** Why a saga failed: the step and a reason for people. */
public record Failure(String step, String reason) {

    public Failure {
        Objects.requireNonNull(step);
        Objects.requireNonNull(reason);
    }
}
