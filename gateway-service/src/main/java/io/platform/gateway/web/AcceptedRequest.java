package io.platform.gateway.web;

import io.platform.gateway.domain.LifecycleStatus;

/** The answer to an accepted request: where to follow it. */
public record AcceptedRequest(String requestId, String name, LifecycleStatus status) {
}
