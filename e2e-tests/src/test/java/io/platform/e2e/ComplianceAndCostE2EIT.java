package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.e2e.harness.PlatformClient;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Audit and analytics through the gateway: the chains verify, exports stream, costs come as CSV too. */
@ExtendWith(LocalStackExtension.class)
@Order(5)
class ComplianceAndCostE2EIT {

    @Test
    void theAuditTrailVerifiesAndExportsAsJsonLines() {
        String namespace = E2e.uniqueName("vault");
        E2e.readyNamespace(namespace, "data", "production", "micro");

        await("audit trail of " + namespace).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(E2e.API.get("/api/v1/audit/events?namespace=" + namespace, "analyst").body().path("items").size())
                        .isGreaterThanOrEqualTo(5));
        PlatformClient.Answer verify = E2e.API.get("/api/v1/audit/verify", "analyst");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().path("intact").asBoolean()).as(verify.body().toString()).isTrue();

        PlatformClient.Text export = E2e.API.getText("/api/v1/audit/events/export?namespace=" + namespace, "analyst",
                "application/jsonl");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().lines().filter(line -> !line.isBlank())).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"eventId\""));
    }

    @Test
    void costsUsageAndResourcesAnswerAndCostsComeAsCsv() {
        String namespace = E2e.uniqueName("reports");
        E2e.readyNamespace(namespace, "search", "development", "large");

        await("cost of " + namespace).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(E2e.API.get("/api/v1/analytics/costs?aggregate=namespace&window=7d", "analyst").body()
                        .path("items").toString()).contains(namespace));
        PlatformClient.Text csv = E2e.API.getText("/api/v1/analytics/costs?aggregate=team&window=month&step=1d", "analyst",
                "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("search");
        assertThat(E2e.API.get("/api/v1/analytics/usage?window=7d&step=1d", "analyst").status()).isEqualTo(200);
        assertThat(E2e.API.get("/api/v1/analytics/resources", "analyst").body().toString()).contains("search");
        assertThat(E2e.API.get("/api/v1/analytics/costs", "team-search").status()).isEqualTo(403);
    }
}
