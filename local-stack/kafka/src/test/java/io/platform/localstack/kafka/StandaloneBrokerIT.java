package io.platform.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the broker exactly as the launcher does: classpath from target/lib, the server.properties
 * template with log.dirs and ports appended, StorageTool format once, then kafka.Kafka.
 */
class StandaloneBrokerIT {

    private static final Path LIB = Paths.get(System.getProperty("kafka.lib-dir", "target/lib"));
    private static final Path CONFIG = Paths.get(System.getProperty("kafka.config-dir", "target/config"));

    @TempDir
    Path workDir;

    private Process broker;
    private int port;

    @AfterEach
    void stopBroker() throws InterruptedException {
        stop();
    }

    @Test
    void transactionalWritesWorkOnOneBrokerAndSurviveARestart() throws Exception {
        port = freePort();
        Path properties = renderProperties(port, freePort());
        format(properties);
        start(properties);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe-tx",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("probe", "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }
        assertThat(readAll("first-reader")).containsExactly("v0", "v1", "v2");

        stop();
        start(properties);

        assertThat(readAll("second-reader")).containsExactly("v0", "v1", "v2");
    }

    @Test
    void topicsAreNotCreatedImplicitly() throws Exception {
        port = freePort();
        Path properties = renderProperties(port, freePort());
        format(properties);
        start(properties);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            try (KafkaConsumer<String, String> consumer = consumer("typo-reader")) {
                consumer.subscribe(List.of("no-such-topic"));
                consumer.poll(Duration.ofSeconds(2));
            }
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("no-such-topic");
        }
    }

    private List<String> readAll(String group) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of("probe"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.size() >= 3;
            });
        }
        return values;
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private Path renderProperties(int brokerPort, int controllerPort) throws IOException {
        String template = Files.readString(CONFIG.resolve("server.properties"));
        Path rendered = workDir.resolve("server.properties");
        Files.writeString(rendered, template + "\n"
                + "log.dirs=" + workDir.resolve("logs") + "\n"
                + "listeners=PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort + "\n"
                + "advertised.listeners=PLAINTEXT://localhost:" + brokerPort + "\n"
                + "controller.quorum.bootstrap.servers=localhost:" + controllerPort + "\n");
        return rendered;
    }

    private void format(Path properties) throws Exception {
        String clusterId = runTool("random-uuid").trim();
        assertThat(clusterId).matches("[A-Za-z0-9_-]{22}");
        runTool("format", "-t", clusterId, "-c", properties.toString(), "--standalone");
        assertThat(workDir.resolve("logs/meta.properties")).exists();
    }

    private String runTool(String... args) throws Exception {
        List<String> command = new ArrayList<>(javaCommand(CONFIG.resolve("tools-log4j2.xml")));
        command.add("kafka.tools.StorageTool");
        command.addAll(List.of(args));
        Process tool = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tool.exitValue()).as("StorageTool %s: %s", args[0], out).isZero();
        return out;
    }

    private void start(Path properties) throws IOException {
        List<String> command = new ArrayList<>(javaCommand(CONFIG.resolve("log4j2.xml")));
        command.add("-Xmx512m");
        command.add("kafka.Kafka");
        command.add(properties.toString());
        Path log = workDir.resolve("kafka.log");
        broker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(broker.isAlive()).as("broker alive, see %s", log).isTrue();
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == 1;
            }
        });
    }

    private void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        }
        broker = null;
    }

    private String bootstrap() {
        return "localhost:" + port;
    }

    private static List<String> javaCommand(Path log4jConfig) {
        return List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + log4jConfig,
                "-cp", LIB + "/*");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
