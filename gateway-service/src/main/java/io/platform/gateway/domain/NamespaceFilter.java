package io.platform.gateway.domain;

import java.util.Set;

/**
 * Which namespaces a listing returns.
 *
 * @param teams       only these teams; {@code null} for every team (admins)
 * @param environment only this environment; {@code null} for any
 * @param tier        only this tier; {@code null} for any
 * @param status      only this status; {@code null} for any
 * @param offset      rows to skip
 * @param limit       rows to return at most
 */
public record NamespaceFilter(Set<String> teams, String environment, String tier, LifecycleStatus status, int offset,
                              int limit) {

    public NamespaceFilter {
        teams = teams == null ? null : Set.copyOf(teams);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }
}
