package io.platform.catalog.domain;

import io.platform.templates.TemplateContent;
import java.time.Instant;
import java.util.List;

/**
 * One stored template version: its immutable content and description, and the revision that changes when (and only
 * when) it is deprecated, so every publication of the same revision carries the same event id.
 */
public record TemplateVersion(TemplateContent content, String description, String owner, List<String> tags,
                              String deprecationNote, int revision, String publishedBy, Instant publishedAt,
                              Instant updatedAt) {

    public TemplateVersion {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String name() {
        return content.name();
    }

    public String version() {
        return content.version();
    }

    public boolean deprecated() {
        return content.deprecated();
    }

    /** Catalog topic key: {@code template:<name>@<version>}. */
    public String key() {
        return "template:" + name() + "@" + version();
    }
}
