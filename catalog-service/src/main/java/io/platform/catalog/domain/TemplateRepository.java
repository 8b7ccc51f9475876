package io.platform.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored template versions. */
public interface TemplateRepository {

    List<TemplateVersion> all();

    List<TemplateVersion> versions(String name);

    Optional<TemplateVersion> find(String name, String version);

    /** Stores a new version; {@code false} when that name and version exist already (versions are immutable). */
    boolean insert(TemplateVersion version);

    /** Marks a version deprecated and raises its revision; empty when it does not exist. Repeating it changes nothing. */
    Optional<TemplateVersion> deprecate(String name, String version, String note, Instant at);
}
