package io.platform.analytics;

import io.platform.events.catalog.TierDefined;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.schemas.topic.TopicSpec;
import io.platform.test.TestKafka;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import java.util.UUID;

/** Catalog records published as catalog-service would. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    /** The platform's topics, created as the services would at start-up (the tests publish before that). */
    static synchronized void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.topicConfig()));
                }
                if (!existing.contains(topic.deadLetterTopic())) {
                    missing.add(new NewTopic(topic.deadLetterTopic(), topic.partitions(), (short) 1));
                }
            }
            admin.createTopics(missing).values().values().forEach(future -> {
                try {
                    future.get();
                } catch (Exception e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create the platform topics", e);
        }
    }

    static void publishTier(String name, long monthlyCents, String cpu, String memory) {
        createTopics();
        EventProbe.publish(Topics.CATALOG, "tier:" + name, TierDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", Instant.now()))
                .setName(name).setDescription(name).setCpu(cpu).setMemory(memory).setStorage("20Gi").setPods(10)
                .setServices(5).setPersistentVolumeClaims(10).setMonthlyCostCents(monthlyCents)
                .setDefaultCpuRequest("100m").setDefaultCpuLimit("500m").setDefaultMemoryRequest("128Mi")
                .setDefaultMemoryLimit("512Mi").build());
    }
}
