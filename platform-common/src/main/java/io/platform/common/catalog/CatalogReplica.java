package io.platform.common.catalog;

import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.rules.catalog.CatalogView;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A service's local copy of the catalog (tiers, features and service template versions), kept current from the
 * compacted catalog topic. Requests are validated against it without calling catalog-service.
 */
public class CatalogReplica implements CatalogView {

    public static final String TIER_KEY_PREFIX = "tier:";
    public static final String FEATURE_KEY_PREFIX = "feature:";
    public static final String TEMPLATE_KEY_PREFIX = "template:";

    private final Map<String, TierInfo> tiers = new ConcurrentHashMap<>();
    private final Map<String, FeatureInfo> features = new ConcurrentHashMap<>();
    private final Map<String, TemplateDefined> templates = new ConcurrentHashMap<>();
    private volatile Instant lastUpdate;

    /** Applies one record of the catalog topic; a {@code null} value (tombstone) removes the key. */
    public void apply(String key, SpecificRecord value) {
        if (value instanceof TierDefined tier) {
            tiers.put(tier.getName(), toTierInfo(tier));
        } else if (value instanceof FeatureDefined feature) {
            features.put(feature.getName(), new FeatureInfo(feature.getName(), feature.getDescription(),
                    feature.getLabels(), feature.getAnnotations()));
        } else if (value instanceof TemplateDefined template) {
            templates.put(templateId(template.getName(), template.getVersion()), template);
        } else if (value == null && key != null) {
            if (key.startsWith(TIER_KEY_PREFIX)) {
                tiers.remove(key.substring(TIER_KEY_PREFIX.length()));
            } else if (key.startsWith(FEATURE_KEY_PREFIX)) {
                features.remove(key.substring(FEATURE_KEY_PREFIX.length()));
            } else if (key.startsWith(TEMPLATE_KEY_PREFIX)) {
                templates.remove(key.substring(TEMPLATE_KEY_PREFIX.length()));
            }
        }
        lastUpdate = Instant.now();
    }

    /** The catalog key of a template version: {@code template:<name>@<version>}. */
    public static String templateKey(String name, String version) {
        return TEMPLATE_KEY_PREFIX + templateId(name, version);
    }

    private static String templateId(String name, String version) {
        return name + "@" + version;
    }

    public static TierInfo toTierInfo(TierDefined tier) {
        return new TierInfo(tier.getName(), tier.getDescription(), tier.getCpu(), tier.getMemory(), tier.getStorage(),
                tier.getPods(), tier.getServices(), tier.getPersistentVolumeClaims(), tier.getMonthlyCostCents(),
                tier.getDefaultCpuRequest(), tier.getDefaultCpuLimit(), tier.getDefaultMemoryRequest(),
                tier.getDefaultMemoryLimit());
    }

    /** Usable once it holds at least one tier: a namespace can't be validated without one. */
    public boolean isLoaded() {
        return !tiers.isEmpty();
    }

    public Optional<Instant> lastUpdate() {
        return Optional.ofNullable(lastUpdate);
    }

    @Override
    public Optional<TierInfo> tier(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(tiers.get(name));
    }

    @Override
    public Optional<FeatureInfo> feature(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(features.get(name));
    }

    /** One version of a service template, deprecated or not; empty when the catalog does not (or no longer) hold it. */
    public Optional<TemplateDefined> template(String name, String version) {
        return name == null || version == null ? Optional.empty() : Optional.ofNullable(templates.get(templateId(name, version)));
    }

    /** Every template version the catalog holds. */
    public Collection<TemplateDefined> templates() {
        return List.copyOf(templates.values());
    }

    @Override
    public Collection<TierInfo> tiers() {
        return List.copyOf(tiers.values());
    }

    @Override
    public Collection<FeatureInfo> features() {
        return List.copyOf(features.values());
    }
}
