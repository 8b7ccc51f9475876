package io.platform.common.security;

import java.util.Set;

/**
 * The authenticated caller of a request: token subject, platform roles (with {@code admin} expanded to all of them)
 * and the teams it belongs to.
 */
public record Caller(String subject, Set<String> roles, Set<String> teams) {

    public Caller {
        roles = Set.copyOf(roles);
        teams = Set.copyOf(teams);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean hasRole(String role) {
        return isAdmin() || roles.contains(role);
    }

    public boolean isMemberOf(String team) {
        return teams.contains(team);
    }

    /** Admins act on every team; everyone else only on their own. */
    public boolean canActFor(String team) {
        return isAdmin() || isMemberOf(team);
    }
}
