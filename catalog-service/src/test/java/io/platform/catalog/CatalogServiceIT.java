package io.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.catalog.messaging.CatalogPublicationJob;
import io.platform.common.kafka.CloudEventHeaders;
import io.platform.events.catalog.FeatureDefined;
import io.platform.events.catalog.TierDefined;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class CatalogServiceIT extends CatalogIntegrationTest {

    @Autowired
    CatalogPublicationJob publicationJob;

    @Test
    void listsTheStandardTiersWithQuotaAndPriceToAnyAuthenticatedCaller() {
        // Given a team member's token
        String token = TestIssuer.token("team-search");

        // When it lists the tiers
        ResponseEntity<List<Map<String, Object>>> response = client().get().uri("/api/v1/catalog/tiers")
                .header("Authorization", "Bearer " + token).retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });

        // Then it sees micro..large with the product's quota and monthly price
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).extracting(tier -> tier.get("name")).containsExactly("micro", "small", "medium", "large");
        Map<String, Object> medium = response.getBody().get(2);
        assertThat(medium.get("quota")).isEqualTo(Map.of("cpu", "4", "memory", "8Gi", "storage", "50Gi", "pods", 20,
                "services", 10, "persistentVolumeClaims", 10));
        assertThat(medium.get("monthlyCost")).isEqualTo(Map.of("amount", 200.00, "currency", "USD"));
    }

    @Test
    void listsTheFeaturesWithTheLabelsTheySet() {
        ResponseEntity<List<Map<String, Object>>> response = client().get().uri("/api/v1/catalog/features")
                .header("Authorization", "Bearer " + TestIssuer.token("analyst")).retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });

        assertThat(response.getBody()).extracting(feature -> feature.get("name")).containsExactly("backup", "monitoring", "service-mesh");
        assertThat(response.getBody().get(2).get("labels")).isEqualTo(Map.of("istio-injection", "enabled",
                "features.platform.io/service-mesh", "enabled"));
    }

    @Test
    void refusesCallersWithoutTokenAsProblem() {
        ResponseEntity<Map<String, Object>> response = client().get().uri("/api/v1/catalog/tiers").retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "https://platform.io/problems/unauthorized")
                .containsKey("correlationId");
    }

    @Test
    void unknownTierIsA404Problem() {
        ResponseEntity<Map<String, Object>> response = client().get().uri("/api/v1/catalog/tiers/gigantic")
                .header("Authorization", "Bearer " + TestIssuer.token("team-data")).retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).containsEntry("type", "https://platform.io/problems/not-found")
                .containsEntry("detail", "tier 'gigantic' does not exist");
    }

    @Test
    void publishesEveryTierAndFeatureToTheCompactedCatalogTopicWithCloudEventHeaders() {
        // When the service has started, the catalog is on the topic
        List<ConsumerRecord<String, TierDefined>> tiers = EventProbe.awaitRecords(Topics.CATALOG, TierDefined.class,
                tier -> tier.getName().equals("large"), Duration.ofSeconds(30));
        EventProbe.awaitRecords(Topics.CATALOG, FeatureDefined.class, feature -> feature.getName().equals("backup"),
                Duration.ofSeconds(30));

        // Then each record is keyed tier:<name> and carries the envelope in CloudEvents headers
        ConsumerRecord<String, TierDefined> large = tiers.get(0);
        assertThat(large.key()).isEqualTo("tier:large");
        assertThat(large.value().getMonthlyCostCents()).isEqualTo(40000L);
        assertThat(CloudEventHeaders.read(large.headers(), CloudEventHeaders.ID)).isEqualTo(large.value().getEnvelope().getEventId());
        assertThat(CloudEventHeaders.read(large.headers(), CloudEventHeaders.TYPE)).isEqualTo("io.platform.events.catalog.TierDefined");
        assertThat(CloudEventHeaders.read(large.headers(), CloudEventHeaders.SOURCE)).isEqualTo("catalog-service");
        assertThat(CloudEventHeaders.read(large.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("tier:large");
        assertThat(CloudEventHeaders.read(large.headers(), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void republishingAnUnchangedCatalogRepeatsTheSameEventIds() {
        // Given the catalog published at start-up
        TierDefined first = EventProbe.awaitEvent(Topics.CATALOG, TierDefined.class, tier -> tier.getName().equals("micro"));

        // When it is published again (as on every restart)
        publicationJob.publishNow();

        // Then every micro record carries the same event id, which consumers deduplicate
        List<ConsumerRecord<String, TierDefined>> micro = EventProbe.awaitRecords(Topics.CATALOG, TierDefined.class,
                tier -> tier.getName().equals("micro"), Duration.ofSeconds(10));
        assertThat(micro).hasSizeGreaterThanOrEqualTo(2);
        assertThat(micro).extracting(record -> record.value().getEnvelope().getEventId())
                .containsOnly(first.getEnvelope().getEventId());
    }
}
