package io.platform.gateway.web;

import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.RequestType;

/** The answer to an accepted request: what was asked, and where to follow it. */
public record AcceptedRequest(String requestId, String name, RequestType type, LifecycleStatus status) {
}
