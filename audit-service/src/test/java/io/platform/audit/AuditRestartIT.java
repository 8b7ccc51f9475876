package io.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.audit.maintenance.AuditMaintenance;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.serde.EventSerdes;
import io.platform.schemas.serde.RegistrySettings;
import io.platform.schemas.topic.Topics;
import io.platform.test.TestIssuer;
import io.platform.test.TestKafka;
import io.platform.test.TestRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * audit-service stopped in the middle of a catch-up and started again, with its consumer offsets rewound as if it had
 * crashed after its database commits but before its offset commits; then rows are tampered with directly in the
 * database, and finally the retention job archives every row. Runs its own application contexts on its own database
 * and consumer group.
 */
class AuditRestartIT {

    private static final String DATABASE = "audit_restart";
    private static final int EVENTS = 4000;

    private final String group = "audit-restart-" + UUID.randomUUID();
    private final String prefix = "restart-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @TempDir
    Path archiveDir;

    @Test
    void storesEveryEventExactlyOnceAcrossACrashDetectsTamperingAndArchivesKeepingTheChainVerifiable() throws Exception {
        // Given 4000 events spread over the partitions of the lifecycle topic
        publish(EVENTS, 0);

        // When audit-service is stopped mid-stream, its offsets are rewound (a crash before the offset commits) and it
        // is started again
        try (ConfigurableApplicationContext first = start()) {
            await("part of the events stored").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> storedOfThisTest() >= 300);
        }
        long storedBeforeRestart = storedOfThisTest();
        rewindOffsets();

        try (ConfigurableApplicationContext second = start()) {
            String base = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");

            // Then every event is stored exactly once and every chain verifies
            await("all events stored").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> storedOfThisTest() == EVENTS && caughtUp());
            assertThat(storedBeforeRestart).isBetween(300L, (long) EVENTS);
            assertThat(distinctEventIdsOfThisTest()).isEqualTo(EVENTS);
            JsonNode intact = verify(base);
            assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();

            // and a row changed, deleted or inserted directly in the database is pointed at
            Row victim = rowOfThisTest(EVENTS / 2);
            try (Connection owner = AuditDatabase.owner(DATABASE)) {
                String payload = single(owner, "select payload::text from audit_event where id = " + victim.id());
                execute(owner, "update audit_event set payload = '{\"edited\":true}' where id = " + victim.id());
                assertBroken(verify(base), victim.chain(), victim.seq(), "hash-mismatch");
                try (PreparedStatement restore = owner.prepareStatement("update audit_event set payload = cast(? as json) where id = ?")) {
                    restore.setString(1, payload);
                    restore.setLong(2, victim.id());
                    restore.executeUpdate();
                }
                assertThat(verify(base).path("intact").asBoolean()).isTrue();

                execute(owner, "create temporary table saved as select * from audit_event where id = " + victim.id());
                execute(owner, "delete from audit_event where id = " + victim.id());
                assertBroken(verify(base), victim.chain(), victim.seq() + 1, "gap");
                execute(owner, "insert into audit_event select * from saved");
                assertThat(verify(base).path("intact").asBoolean()).isTrue();

                long head = Long.parseLong(single(owner, "select max(seq) from audit_event where chain = '" + victim.chain() + "'"));
                execute(owner, "insert into audit_event (event_id, event_type, topic, partition, \"offset\", occurred_at,"
                        + " recorded_at, outcome, payload, chain, seq, prev_hash, hash) select 'forged', event_type, topic,"
                        + " partition, \"offset\" + 1, occurred_at, recorded_at, outcome, payload, chain, seq + 1, hash,"
                        + " sha256(hash) from audit_event where chain = '" + victim.chain() + "' and seq = " + head);
                assertBroken(verify(base), victim.chain(), head + 1, "hash-mismatch");
                execute(owner, "delete from audit_event where event_id = 'forged'");
                assertThat(verify(base).path("intact").asBoolean()).isTrue();
            }

            // and when the retention job moves every row recorded so far to archive files under the maintenance role
            AuditMaintenance.ArchiveReport report;
            try (Connection maintainer = AuditDatabase.as(DATABASE, "audit_maintainer")) {
                report = AuditMaintenance.archive(maintainer, archiveDir, Instant.now().plusSeconds(1));
            }
            publish(20, EVENTS);

            // then the table keeps only what came after, the chains continue from their anchors and still verify
            await("events after the cut stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> storedOfThisTest() == 20);
            assertThat(report.rows()).isGreaterThanOrEqualTo(EVENTS);
            assertThat(report.files()).isNotEmpty().allMatch(file -> file.endsWith(".jsonl.gz"));
            JsonNode afterCut = verify(base);
            assertThat(afterCut.path("intact").asBoolean()).as(afterCut.toString()).isTrue();
            assertThat(afterCut.path("chains")).anySatisfy(chain -> {
                assertThat(chain.path("anchored").asBoolean()).isTrue();
                assertThat(chain.path("rows").asLong()).isPositive();
            });
            try (Connection maintainer = AuditDatabase.as(DATABASE, "audit_maintainer")) {
                AuditMaintenance.ArchiveVerification archives = AuditMaintenance.verifyArchives(maintainer, archiveDir);
                assertThat(archives.intact()).as(archives.problems().toString()).isTrue();
                assertThat(archives.rows()).isEqualTo(report.rows());
            }
        }
    }

    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(AuditDatabase.properties(DATABASE));
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("platform.kafka.registry-url", TestRegistry.url());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.issuerUri());
        properties.put("audit.kafka.group-id", group);
        properties.put("audit.kafka.max-poll-records", "100");
        // command-line arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(AuditApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private void publish(int count, int firstIndex) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                EventSerdes.valueSerializer(RegistrySettings.forRoot(TestRegistry.url())))) {
            for (int i = firstIndex; i < firstIndex + count; i++) {
                String namespace = prefix + (i % 50);
                producer.send(new ProducerRecord<>(Topics.NAMESPACE_EVENTS.name(), namespace, NamespaceReady.newBuilder()
                        .setEnvelope(EventEnvelopes.create(prefix + "req-" + i, "team-data", "provisioning-service", Instant.now()))
                        .setSpec(NamespaceSpec.newBuilder().setName(namespace).setTeam("data").setEnvironment("staging")
                                .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build())
                        .build()));
            }
            producer.flush();
        }
    }

    /** Commits offset 0 for every partition the group has read: what a crash before the offset commits leaves. */
    private void rewindOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> rewound = committed.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
            assertThat(rewound).isNotEmpty();
            admin.alterConsumerGroupOffsets(group, rewound).all().get();
        }
    }

    private boolean caughtUp() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream().allMatch(entry -> entry.getValue().offset() >= ends.get(entry.getKey()).offset());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    private long storedOfThisTest() throws SQLException {
        try (Connection owner = AuditDatabase.owner(DATABASE)) {
            return Long.parseLong(single(owner, "select count(*) from audit_event where request_id like '" + prefix + "%'"));
        }
    }

    private long distinctEventIdsOfThisTest() throws SQLException {
        try (Connection owner = AuditDatabase.owner(DATABASE)) {
            return Long.parseLong(single(owner,
                    "select count(distinct event_id) from audit_event where request_id like '" + prefix + "%'"));
        }
    }

    private record Row(long id, String chain, long seq) {
    }

    private Row rowOfThisTest(int index) throws SQLException {
        try (Connection owner = AuditDatabase.owner(DATABASE); Statement statement = owner.createStatement();
             ResultSet row = statement.executeQuery("select id, chain, seq from audit_event where request_id = '"
                     + prefix + "req-" + index + "'")) {
            row.next();
            Row found = new Row(row.getLong(1), row.getString(2), row.getLong(3));
            // not the chain's last row, so that deleting it leaves a gap before the next one
            assertThat(Long.parseLong(single(owner, "select max(seq) from audit_event where chain = '" + found.chain() + "'")))
                    .isGreaterThan(found.seq());
            return found;
        }
    }

    private static JsonNode verify(String base) {
        return RestClient.create(base).get().uri("/api/v1/audit/verify")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.token("analyst"))
                .retrieve().body(JsonNode.class);
    }

    private static void assertBroken(JsonNode verification, String chain, long seq, String reason) {
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.at("/firstBroken/chain").asString()).as(verification.toString()).isEqualTo(chain);
        assertThat(verification.at("/firstBroken/seq").asLong()).as(verification.toString()).isEqualTo(seq);
        assertThat(verification.at("/firstBroken/reason").asString()).isEqualTo(reason);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
