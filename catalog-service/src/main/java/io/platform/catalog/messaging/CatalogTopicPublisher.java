package io.platform.catalog.messaging;

import io.platform.catalog.domain.CatalogPublication;
import io.platform.catalog.domain.FeatureDefinition;
import io.platform.catalog.domain.TemplateVersion;
import io.platform.catalog.domain.TierDefinition;
import io.platform.templates.TemplateContent;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.Envelope;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TemplateDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.rules.catalog.TierInfo;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes every tier, feature and template version to the compacted catalog topic. The event id is derived from the key and the
 * revision, so re-publishing an unchanged definition (every start-up does) repeats the same fact, which consumers
 * such as audit deduplicate.
 */
@Component
class CatalogTopicPublisher implements CatalogPublication {

    private final EventPublisher publisher;
    private final String source;

    CatalogTopicPublisher(EventPublisher publisher, PlatformKafkaProperties kafka) {
        this.publisher = publisher;
        this.source = kafka.source();
    }

    @Override
    public void publish(List<TierDefinition> tiers, List<FeatureDefinition> features, List<TemplateVersion> templates) {
        List<EventPublisher.Outgoing> events = new ArrayList<>();
        tiers.forEach(definition -> events.add(new EventPublisher.Outgoing(Topics.CATALOG, definition.key(), tierDefined(definition))));
        features.forEach(definition -> events.add(new EventPublisher.Outgoing(Topics.CATALOG, definition.key(), featureDefined(definition))));
        templates.forEach(template -> events.add(new EventPublisher.Outgoing(Topics.CATALOG, template.key(), templateDefined(template))));
        publisher.publishAll(events);
    }

    @Override
    public void publishTemplate(TemplateVersion template) {
        publisher.publish(Topics.CATALOG, template.key(), templateDefined(template));
    }

    TemplateDefined templateDefined(TemplateVersion template) {
        TemplateContent content = template.content();
        return TemplateDefined.newBuilder()
                .setEnvelope(envelope(template.key(), template.revision(), template.updatedAt()))
                .setName(content.name())
                .setVersion(content.version())
                .setDescription(template.description())
                .setOwner(template.owner())
                .setTags(template.tags())
                .setEnvironments(content.environments())
                .setTiers(content.tiers())
                .setParameterSchema(content.parameterSchema())
                .setManifests(content.manifests())
                .setCpu(content.cpu())
                .setMemory(content.memory())
                .setStorage(content.storage())
                .setMonthlyCostCents(content.monthlyCostCents())
                .setDeprecated(content.deprecated())
                .build();
    }

    TierDefined tierDefined(TierDefinition definition) {
        TierInfo tier = definition.tier();
        return TierDefined.newBuilder()
                .setEnvelope(envelope(definition.key(), definition.revision(), definition.updatedAt()))
                .setName(tier.name())
                .setDescription(tier.description())
                .setCpu(tier.cpu())
                .setMemory(tier.memory())
                .setStorage(tier.storage())
                .setPods(tier.pods())
                .setServices(tier.services())
                .setPersistentVolumeClaims(tier.persistentVolumeClaims())
                .setMonthlyCostCents(tier.monthlyCostCents())
                .setDefaultCpuRequest(tier.defaultCpuRequest())
                .setDefaultCpuLimit(tier.defaultCpuLimit())
                .setDefaultMemoryRequest(tier.defaultMemoryRequest())
                .setDefaultMemoryLimit(tier.defaultMemoryLimit())
                .build();
    }

    FeatureDefined featureDefined(FeatureDefinition definition) {
        return FeatureDefined.newBuilder()
                .setEnvelope(envelope(definition.key(), definition.revision(), definition.updatedAt()))
                .setName(definition.feature().name())
                .setDescription(definition.feature().description())
                .setLabels(definition.feature().labels())
                .setAnnotations(definition.feature().annotations())
                .build();
    }

    private Envelope envelope(String key, int revision, java.time.Instant updatedAt) {
        return EventEnvelopes.derived("catalog/" + key + "/r" + revision, "defined", source, source, updatedAt);
    }
}
