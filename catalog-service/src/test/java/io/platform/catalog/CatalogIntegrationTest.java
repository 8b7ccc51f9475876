package io.platform.catalog;

import io.platform.test.PlatformInfrastructure;
import io.platform.test.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * catalog-service on the in-JVM broker, the Apicurio registry, embedded PostgreSQL and the dev issuer. Every IT of
 * the module extends it, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CatalogIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.kafka(registry);
        PlatformInfrastructure.postgres(registry, "catalog");
        PlatformInfrastructure.issuer(registry);
    }

    @LocalServerPort
    protected int port;

    protected RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /** The {@code field} of every entry of a problem's {@code errors}. */
    protected static java.util.List<String> errorFields(java.util.Map<String, Object> problem) {
        return errors(problem).stream().map(e -> String.valueOf(e.get("field"))).toList();
    }

    /** {@code field:code} of every entry of a problem's {@code errors}. */
    protected static java.util.List<String> errorFieldCodes(java.util.Map<String, Object> problem) {
        return errors(problem).stream().map(e -> e.get("field") + ":" + e.get("code")).toList();
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<java.util.Map<String, Object>> errors(java.util.Map<String, Object> problem) {
        Object errors = problem == null ? null : problem.get("errors");
        return errors == null ? java.util.List.of() : (java.util.List<java.util.Map<String, Object>>) errors;
    }

    /** A client that sends a real token of the dev issuer's client. */
    protected RestClient as(String clientId) {
        String token = TestIssuer.token(clientId);
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
