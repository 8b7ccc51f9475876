package io.platform.catalog.domain;

/** A namespace as its lifecycle events describe it. {@code ready=false} once it is deleted. */
public record NamespaceInfo(String name, String team, String environment, String tier, boolean ready) {
}
