package io.platform.gateway.domain;

/** Why a request failed: the step and the reason provisioning-service reported. */
public record Failure(String step, String reason, boolean retryable) {
}
