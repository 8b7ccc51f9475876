package io.platform.gateway.domain;

import java.util.Objects;
import java.util.Set;

/** Who asks: the token subject, the teams it belongs to, and whether it is a platform admin. */
public record Requester(String subject, Set<String> teams, boolean admin) {

    public Requester {
        Objects.requireNonNull(subject);
        teams = Set.copyOf(teams);
    }

    /** Admins act for every team; everyone else only for their own. */
    public boolean canActFor(String team) {
        return admin || (team != null && teams.contains(team));
    }
}
