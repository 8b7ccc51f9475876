package io.platform.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.test.TestIssuer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway as the single public entry: other services' APIs behind it, with the caller's token relayed. */
class ApiRoutingIT extends GatewayItSupport {

    @Test
    void relaysCatalogCallsWithTheCallersToken() throws Exception {
        RELAYED.clear();

        Answer answer = call("GET", "/api/v1/catalog/tiers?include=features", "team-payments", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get(0).path("name").asString()).isEqualTo("small");
        Relayed relayed = RELAYED.poll(5, TimeUnit.SECONDS);
        assertThat(relayed).isEqualTo(new Relayed("GET", "/api/v1/catalog/tiers?include=features",
                "Bearer " + TestIssuer.token("team-payments")));
    }

    @Test
    void refusesAnonymousCallsBeforeRelayingThem() {
        RELAYED.clear();

        Answer answer = call("GET", "/api/v1/catalog/tiers", null, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(RELAYED).isEmpty();
    }

    @Test
    void answersAServiceThatIsDownAsProblemJson() {
        Answer answer = call("GET", "/api/v1/audit/events?namespace=payments-api", "analyst", null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isNotBlank();
    }

    @Test
    void publishesItsOwnApiDescriptionWithoutAToken() {
        Answer answer = call("GET", "/v3/api-docs", null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("paths").has("/api/v1/namespaces")).isTrue();
        assertThat(answer.body().path("paths").has("/api/v1/requests/{requestId}")).isTrue();
    }
}
