package io.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.analytics.domain.CostCalculator;
import io.platform.common.catalog.CatalogReplica;
import io.platform.events.catalog.TierDefined;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import io.platform.test.EventProbe;
import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsServiceIT {

    private static final long SMALL_MONTHLY_CENTS = 10_000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "analytics");
        PlatformInfrastructure.issuer(registry);
        registry.add("analytics.streams.application-id", () -> "analytics-it-" + UUID.randomUUID());
        registry.add("analytics.streams.state-dir", () -> "target/streams-state");
        registry.add("analytics.streams.store-flush-interval", () -> "300ms");
        registry.add("analytics.streams.commit-interval", () -> "100ms");
    }

    /** Tiers the topology must know when it starts (its global catalog table is read before any event). */
    @BeforeAll
    static void catalogTiers() {
        CatalogFixtures.publishTier("small", SMALL_MONTHLY_CENTS, "2", "4Gi");
        CatalogFixtures.publishTier("medium", 20_000, "4", "8Gi");
    }

    @LocalServerPort
    int port;

    @Autowired
    CatalogReplica catalog;

    @Test
    void pricesATeamsNamespaceFromTheMinuteItBecameReady() {
        // Given the catalog's small tier at $100 a month
        EventProbe.publish(Topics.CATALOG, "tier:small", TierDefined.newBuilder()
                .setEnvelope(EventEnvelopes.create(UUID.randomUUID().toString(), "catalog-admin", "catalog-service", Instant.now()))
                .setName("small").setDescription("small").setCpu("2").setMemory("4Gi").setStorage("20Gi").setPods(10)
                .setServices(5).setPersistentVolumeClaims(10).setMonthlyCostCents(SMALL_MONTHLY_CENTS)
                .setDefaultCpuRequest("100m").setDefaultCpuLimit("500m").setDefaultMemoryRequest("128Mi")
                .setDefaultMemoryLimit("512Mi").build());
        await("catalog replica has the small tier").atMost(Duration.ofSeconds(30))
                .until(() -> catalog.tier("small").isPresent());

        // When a namespace of team payments became ready 10 minutes ago
        Instant readyAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        String requestId = UUID.randomUUID().toString();
        EventProbe.publish(Topics.NAMESPACE_EVENTS, "payments-costs", NamespaceReady.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "ready", "team-payments", "provisioning-service", readyAt))
                .setSpec(NamespaceSpec.newBuilder().setName("payments-costs").setTeam("payments").setEnvironment("production")
                        .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).setCostCenter("cc-42").build())
                .build());

        // Then the team's cost this month is the price × minutes alive this month ÷ minutes in the month
        String analyst = TestIssuer.token("analyst");
        await("payments has a cost").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/analytics/costs?aggregate=team", analyst).getBody().path("items").toString().contains("\"payments\""));
        Instant now = Instant.now();
        JsonNode byAggregate = get("/api/v1/analytics/costs?aggregate=team", analyst).getBody();
        JsonNode byGroupBy = get("/api/v1/analytics/costs?groupBy=team", analyst).getBody();

        BigDecimal expected = expectedCost(readyAt, now);
        assertThat(byAggregate.path("aggregate").asString()).isEqualTo("team");
        assertThat(byAggregate.path("currency").asString()).isEqualTo("USD");
        assertThat(Instant.parse(byAggregate.at("/window/from").asString()))
                .isEqualTo(YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        // other tests' namespaces of other teams may be alive too
        JsonNode payments = item(byAggregate, "payments");
        assertThat(payments.path("key").asString()).isEqualTo("payments");
        assertThat(payments.path("namespaces").asInt()).isEqualTo(1);
        assertThat(payments.path("cost").decimalValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(new BigDecimal("0.0005")));
        assertThat(byAggregate.path("total").decimalValue()).isGreaterThanOrEqualTo(payments.path("cost").decimalValue());
        assertThat(item(byGroupBy, "payments").path("cost").decimalValue())
                .isCloseTo(payments.path("cost").decimalValue(), org.assertj.core.data.Offset.offset(new BigDecimal("0.0002")));
    }

    @Test
    void answersOnlyCallersWithTheAnalyticsRole() {
        ResponseEntity<JsonNode> teamMember = get("/api/v1/analytics/costs?aggregate=team", TestIssuer.token("team-payments"));
        ResponseEntity<JsonNode> anonymous = get("/api/v1/analytics/costs", null);

        assertThat(teamMember.getStatusCode().value()).isEqualTo(403);
        assertThat(teamMember.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesUnreadableParametersNamingTheField() {
        ResponseEntity<JsonNode> badWindow = get("/api/v1/analytics/costs?window=fortnight", TestIssuer.token("analyst"));
        ResponseEntity<JsonNode> badAggregate = get("/api/v1/analytics/costs?groupBy=owner", TestIssuer.token("analyst"));

        assertThat(badWindow.getStatusCode().value()).isEqualTo(400);
        assertThat(badWindow.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(badWindow.getBody().at("/errors/0/field").asString()).isEqualTo("window");
        assertThat(badAggregate.getStatusCode().value()).isEqualTo(400);
        assertThat(badAggregate.getBody().at("/errors/0/field").asString()).isEqualTo("groupBy");
    }

    private static JsonNode item(JsonNode report, String key) {
        for (JsonNode item : report.path("items")) {
            if (item.path("key").asString().equals(key)) {
                return item;
            }
        }
        throw new AssertionError("no item " + key + " in " + report);
    }

    /** Price × minutes alive in this month so far ÷ minutes in this month (the month may have begun under 10 minutes ago). */
    private static BigDecimal expectedCost(Instant readyAt, Instant now) {
        Instant monthStart = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant from = readyAt.isAfter(monthStart) ? readyAt : monthStart;
        BigDecimal minutesAlive = BigDecimal.valueOf(Duration.between(from, now).toMillis()).divide(BigDecimal.valueOf(60_000), CostCalculator.PRECISION);
        return BigDecimal.valueOf(SMALL_MONTHLY_CENTS, 2).multiply(minutesAlive)
                .divide(BigDecimal.valueOf(CostCalculator.minutesInMonth(now)), CostCalculator.PRECISION);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toEntity(JsonNode.class);
    }
}
