package io.platform.analytics.messaging;

import io.platform.analytics.domain.ProjectionFacts.TeamDayDelta;
import java.time.LocalDate;

/** A team's cost on one UTC day so far (the aggregate of {@link TeamDayDelta}s). */
public record TeamDayTotal(String team, LocalDate day, long costMicros, int namespaces) {

    public static TeamDayTotal empty() {
        return new TeamDayTotal(null, null, 0, 0);
    }

    public TeamDayTotal plus(TeamDayDelta delta) {
        return new TeamDayTotal(delta.team(), delta.day(), costMicros + delta.costMicros(),
                namespaces + (delta.newNamespace() ? 1 : 0));
    }
}
