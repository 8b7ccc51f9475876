package io.platform.analytics.domain;

import java.util.List;

/** Where projection facts go (PostgreSQL): each is an upsert of a full row, so writing one twice is harmless. */
public interface ProjectionSink {

    void write(List<ProjectionFacts.Fact> facts);
}
