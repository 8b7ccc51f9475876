package io.platform.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

class AuditTopicsTest {

    @Test
    void readsEveryTopicOfTheCatalogAndEveryDeadLetterTopic() {
        assertThat(AuditTopics.eventTopics()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(topic -> topic.name()).toList());
        assertThat(AuditTopics.eventTopics()).contains(Topics.NAMESPACE_REQUESTS.name(), Topics.NAMESPACE_EVENTS.name(),
                Topics.CATALOG.name(), Topics.SERVICE_INSTANCES.name(), Topics.RBAC_EVENTS.name());
        assertThat(AuditTopics.deadLetterTopics()).containsExactlyInAnyOrderElementsOf(Topics.deadLetterTopics());
    }

    @Test
    void namespaceTopicsAndTheirDeadLetterTopicsAreKeyedByNamespace() {
        assertThat(AuditTopics.keyedByNamespace(Topics.NAMESPACE_REQUESTS.name())).isTrue();
        assertThat(AuditTopics.keyedByNamespace(Topics.NAMESPACE_EVENTS.deadLetterTopic())).isTrue();
        assertThat(AuditTopics.keyedByNamespace(Topics.CATALOG.name())).isFalse();
        assertThat(AuditTopics.keyedByNamespace(Topics.CATALOG.deadLetterTopic())).isFalse();
        assertThat(AuditTopics.keyedByNamespace("unknown.topic")).isFalse();
    }
}
