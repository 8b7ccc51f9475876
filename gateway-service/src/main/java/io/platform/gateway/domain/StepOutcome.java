package io.platform.gateway.domain;

/** How a provisioning step ended. */
public enum StepOutcome {
    COMPLETED,
    FAILED
}
