package io.platform.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.schemas.topic.CleanupPolicy;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void topicNamesAreUniqueAndVersioned() {
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(name -> name.startsWith("platform.") && name.matches(".*\\.v\\d+$"));
    }

    @Test
    void everyEventTypeTravelsOnExactlyOneTopic() {
        Set<Class<?>> seen = new HashSet<>();
        Topics.ALL.forEach(topic -> topic.eventTypes().forEach(type -> assertThat(seen.add(type))
                .as(type.getSimpleName() + " is on more than one topic").isTrue()));
        assertThat(Topics.topicOf(NamespaceRequested.class)).isSameAs(Topics.NAMESPACE_REQUESTS);
        assertThat(Topics.topicOf(NamespaceReady.class)).isSameAs(Topics.NAMESPACE_EVENTS);
    }

    @Test
    void everyEventCarriesTheEnvelope() {
        Topics.ALL.forEach(topic -> topic.schemas().forEach(schema -> {
            Schema.Field envelope = schema.getField(EventEnvelopes.FIELD);
            assertThat(envelope).as(schema.getFullName() + " has an envelope").isNotNull();
            assertThat(envelope.schema()).isEqualTo(Envelope.getClassSchema());
        }));
    }

    @Test
    void catalogTopicIsCompactedAndKeptForever() {
        assertThat(Topics.CATALOG.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topics.CATALOG.topicConfig()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "-1");
    }

    @Test
    void deadLettersGoToTheDltSuffix() {
        assertThat(Topics.NAMESPACE_REQUESTS.deadLetterTopic()).isEqualTo("platform.namespace.requests.v1-dlt");
        assertThat(Topics.deadLetterTopics()).hasSize(Topics.ALL.size());
    }
}
