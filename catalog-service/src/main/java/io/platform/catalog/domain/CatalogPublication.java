package io.platform.catalog.domain;

import java.util.List;

/** Publishes the current catalog to the platform (the compacted catalog topic). */
public interface CatalogPublication {

    void publish(List<TierDefinition> tiers, List<FeatureDefinition> features, List<TemplateVersion> templates);

    /** Publishes one template version after it was published or deprecated; returns once the broker acknowledged it. */
    void publishTemplate(TemplateVersion template);
}
