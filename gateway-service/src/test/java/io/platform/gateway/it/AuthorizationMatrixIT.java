package io.platform.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.ReadModel;
import io.platform.rules.NamespaceSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every endpoint × every dev client (and no token) × a namespace of the client's own team and of another team, each
 * with the exact status the gateway answers. Namespaces and requests are put into the read model directly, a fresh
 * one per cell, so every cell starts from a READY namespace.
 */
class AuthorizationMatrixIT extends GatewayItSupport {

    private static final String ANONYMOUS = "anonymous";
    private static final List<String> CLIENTS = List.of("platform-admin", "team-payments", "team-search", "team-data",
            "catalog-admin", "rbac-admin", "analyst", ANONYMOUS);
    private static final List<String> TEAMS = List.of("payments", "search");

    @Autowired
    ReadModel readModel;

    /** What a client is to a team's namespace. */
    enum Relation { ADMIN, MEMBER, OTHER_TEAM, NO_ROLE, ANONYMOUS }

    private static Relation relation(String client, String team) {
        return switch (client) {
            case "platform-admin" -> Relation.ADMIN;
            case "team-payments", "team-search", "team-data" ->
                    client.equals("team-" + team) ? Relation.MEMBER : Relation.OTHER_TEAM;
            case ANONYMOUS -> Relation.ANONYMOUS;
            default -> Relation.NO_ROLE;
        };
    }

    /** One endpoint: how to call it for a team's fresh namespace, and the status per relation. */
    record Endpoint(String label, Function<String, String[]> call, int admin, int member, int otherTeam, int noRole) {
        int expected(Relation relation) {
            return switch (relation) {
                case ADMIN -> admin;
                case MEMBER -> member;
                case OTHER_TEAM -> otherTeam;
                case NO_ROLE -> noRole;
                case ANONYMOUS -> 401;
            };
        }
    }

    private String readyNamespace(String team, String environment) {
        String name = uniqueName(team);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        NamespaceSpecification spec = new NamespaceSpecification(name, team, environment, "small", "isolated",
                List.of("monitoring"), null, "cc-1");
        readModel.saveNamespace(Optional.empty(), Optional.of(new Namespace(name, team, spec, LifecycleStatus.READY,
                UUID.randomUUID().toString(), now, now)));
        return name;
    }

    private String requestOf(String team) {
        String name = uniqueName(team);
        NamespaceSpecification spec = new NamespaceSpecification(name, team, "development", "small", "isolated",
                List.of(), null, null);
        NamespaceRequest request = NamespaceRequest.accepted(UUID.randomUUID().toString(), spec, "team-" + team,
                "gateway-service", null, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        readModel.saveRequest(Optional.empty(), request);
        return request.requestId();
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST /api/v1/namespaces", team -> new String[] {"POST", "/api/v1/namespaces",
                        body(uniqueName(team), team, "small")}, 202, 202, 403, 403),
                new Endpoint("GET /api/v1/namespaces?team=", team -> new String[] {"GET",
                        "/api/v1/namespaces?team=" + team, null}, 200, 200, 200, 403),
                new Endpoint("GET /api/v1/namespaces/{name}", team -> new String[] {"GET",
                        "/api/v1/namespaces/" + readyNamespace(team, "development"), null}, 200, 200, 404, 403),
                new Endpoint("PATCH /api/v1/namespaces/{name}", team -> new String[] {"PATCH",
                        "/api/v1/namespaces/" + readyNamespace(team, "development"),
                        "{\"tier\": \"medium\", \"description\": \"bigger\"}"}, 202, 202, 404, 403),
                new Endpoint("DELETE /api/v1/namespaces/{name} (development)", team -> new String[] {"DELETE",
                        "/api/v1/namespaces/" + readyNamespace(team, "development"), null}, 202, 202, 404, 403),
                new Endpoint("DELETE /api/v1/namespaces/{name} (production)", team -> new String[] {"DELETE",
                        "/api/v1/namespaces/" + readyNamespace(team, "production"), null}, 202, 403, 404, 403),
                new Endpoint("GET /api/v1/requests/{requestId}", team -> new String[] {"GET",
                        "/api/v1/requests/" + requestOf(team), null}, 200, 200, 404, 403),
                // routed: the gateway only insists on a token; the service behind it checks roles and teams
                new Endpoint("GET /api/v1/catalog/tiers", team -> new String[] {"GET", "/api/v1/catalog/tiers", null},
                        200, 200, 200, 200),
                new Endpoint("GET /api/v1/namespaces/{name}/services", team -> new String[] {"GET",
                        "/api/v1/namespaces/" + team + "-api/services", null}, 200, 200, 200, 200),
                new Endpoint("GET /api/v1/rbac/roles", team -> new String[] {"GET", "/api/v1/rbac/roles", null},
                        200, 200, 200, 200),
                new Endpoint("GET /api/v1/analytics/costs", team -> new String[] {"GET", "/api/v1/analytics/costs", null},
                        200, 200, 200, 200),
                new Endpoint("POST /api/v1/requests/{requestId}/retry", team -> new String[] {"POST",
                        "/api/v1/requests/" + UUID.randomUUID() + "/retry", "{}"}, 200, 200, 200, 200),
                new Endpoint("GET /api/v1/admin/drift", team -> new String[] {"GET", "/api/v1/admin/drift", null},
                        200, 200, 200, 200));
    }

    @TestFactory
    Stream<DynamicTest> answersEveryEndpointForEveryClientAndTeamWithTheExactStatus() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String client : CLIENTS) {
                for (String team : TEAMS) {
                    Relation relation = relation(client, team);
                    int expected = endpoint.expected(relation);
                    cells.add(DynamicTest.dynamicTest(endpoint.label() + " | " + client + " | " + team + " namespace → "
                            + expected, () -> {
                        String[] request = endpoint.call().apply(team);
                        Answer answer = call(request[0], request[1], client.equals(ANONYMOUS) ? null : client, request[2]);
                        assertThat(answer.status()).as("%s %s as %s (%s)", request[0], request[1], client, relation)
                                .isEqualTo(expected);
                        if (expected >= 400) {
                            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                        }
                        if (endpoint.label().startsWith("GET /api/v1/namespaces?team=") && expected == 200) {
                            // another team's listing is empty, never a leak
                            boolean sees = Set.of(Relation.ADMIN, Relation.MEMBER).contains(relation);
                            assertThat(answer.body().path("items").valueStream()
                                    .allMatch(item -> item.path("team").asString().equals(team))).isTrue();
                            if (!sees) {
                                assertThat(answer.body().path("total").asLong()).isZero();
                            }
                        }
                    }));
                }
            }
        }
        return cells.stream();
    }
}
