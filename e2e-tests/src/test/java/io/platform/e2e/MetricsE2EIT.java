package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.platform.schemas.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard and the alerts in deploy/observability read metrics by name; deploy-tests checks that every name they
 * use is listed in metrics-used.txt, and this suite checks that the running services really export each listed name
 * at /actuator/prometheus, after the activity that makes them appear: a saga, a drift repair, a dead letter.
 */
@ExtendWith(LocalStackExtension.class)
@Order(6)
class MetricsE2EIT {

    private static final Map<String, Integer> SERVICES = Map.of("gateway-service", 8080, "catalog-service", 8082,
            "provisioning-service", 8083, "rbac-service", 8084, "analytics-service", 8085, "audit-service", 8086);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheDashboardAndAlertsReadIsExportedByTheServices() throws Exception {
        // Given a READY namespace whose quota someone deleted by hand (drift repair puts it back)
        String namespace = E2e.uniqueName("metrics");
        E2e.readyNamespace(namespace, "payments", "development", "micro");
        try (KubernetesClient kubernetes = E2e.kubernetes()) {
            List<ResourceQuota> quotas = kubernetes.resourceQuotas().inNamespace(namespace).list().getItems();
            assertThat(quotas).isNotEmpty();
            kubernetes.resourceQuotas().inNamespace(namespace).withName(quotas.get(0).getMetadata().getName()).delete();
            await("quota put back").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(kubernetes.resourceQuotas().inNamespace(namespace).list().getItems()).isNotEmpty());
        }
        // and a request that is not an event at all (dead-lettered by its consumers)
        publishPoisonPill(Topics.NAMESPACE_REQUESTS.name());

        // When the services are scraped, Then every listed metric is exported by at least one of them
        Set<String> listed = listedMetrics();
        await("every listed metric exported").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> exported = new TreeSet<>();
                    SERVICES.values().forEach(port -> exported.addAll(seriesNames(scrape(port))));
                    assertThat(exported).containsAll(listed);
                });
        // and the dead letter is counted by the topic it came from
        await("dead letter counted").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(scrape(SERVICES.get("provisioning-service")))
                        .contains("platform_dead_letters_total{")
                        .contains("topic=\"" + Topics.NAMESPACE_REQUESTS.name() + "\""));
    }

    private static Set<String> listedMetrics() throws IOException {
        return Files.readAllLines(LocalStack.root().resolve("deploy/observability/metrics-used.txt")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private String scrape(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("scrape of port " + port).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> seriesNames(String exposition) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    private static void publishPoisonPill(String topic) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "not-an-event".getBytes(StandardCharsets.UTF_8),
                    "{\"this\":\"is not Avro\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
