package io.platform.catalog.domain;

import java.util.List;

/**
 * A template version as a catalog admin submits it.
 *
 * @param parameterSchema JSON Schema 2020-12 as JSON text
 * @param manifests       Mustache text rendering the Kubernetes objects (see {@code ManifestTemplate})
 */
public record TemplateDraft(String name, String version, String description, String owner, List<String> tags,
                            List<String> environments, List<String> tiers, String parameterSchema, String manifests,
                            String cpu, String memory, String storage, Long monthlyCostCents) {
}
