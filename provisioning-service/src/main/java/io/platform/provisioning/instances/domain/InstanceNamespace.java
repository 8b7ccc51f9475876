package io.platform.provisioning.instances.domain;

/** A namespace as its lifecycle events describe it; {@code ready=false} once deleted. */
public record InstanceNamespace(String name, String team, String environment, String tier, boolean ready) {
}
