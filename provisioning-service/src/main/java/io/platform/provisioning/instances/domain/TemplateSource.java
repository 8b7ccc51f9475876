package io.platform.provisioning.instances.domain;

import io.platform.templates.TemplateContent;

import io.platform.rules.catalog.TierInfo;
import java.util.Optional;

/** The catalog as this service's replica holds it. */
public interface TemplateSource {

    /** Holds the catalog (at least the tiers): otherwise an unknown template may just not have arrived yet. */
    boolean loaded();

    Optional<TemplateContent> template(String name, String version);

    Optional<TierInfo> tier(String name);
}
