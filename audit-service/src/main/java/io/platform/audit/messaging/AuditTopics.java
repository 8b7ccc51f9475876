package io.platform.audit.messaging;

import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.util.Optional;

/** The topics audit-service reads: every topic of the catalog and every dead-letter topic. */
public final class AuditTopics {

    public static final String CONSUMER_GROUP = "audit-service";
    static final String NAMESPACE_KEY = "namespace name";
    private static final String DLT_SUFFIX = "-dlt";

    private AuditTopics() {
    }

    /** For {@code @KafkaListener(topics = "#{...}")}. */
    public static String[] eventTopics() {
        return Topics.ALL.stream().map(TopicSpec::name).toArray(String[]::new);
    }

    public static String[] deadLetterTopics() {
        return Topics.deadLetterTopics().toArray(String[]::new);
    }

    /** Whether records of the topic (or of the topic a dead-letter topic belongs to) are keyed by namespace name. */
    public static boolean keyedByNamespace(String topic) {
        return sourceOf(topic).map(spec -> NAMESPACE_KEY.equals(spec.keyDescription())).orElse(false);
    }

    private static Optional<TopicSpec<?>> sourceOf(String topic) {
        String name = topic.endsWith(DLT_SUFFIX) ? topic.substring(0, topic.length() - DLT_SUFFIX.length()) : topic;
        return Topics.byName(name).map(spec -> spec);
    }
}
