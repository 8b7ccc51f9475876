package io.platform.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.platform.gateway.domain.InMemoryReadModel;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.RecordingPublisher;
import io.platform.gateway.domain.Specs;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over 10,000 generated malformed or hostile requests through the gateway's real MVC stack (its filters, the
 * platform's security chain with bearer tokens, controllers, validation, problem answers and the real intake over an
 * in-memory read model and a recording publisher): none gets a 5xx, every refusal is problem+json with a correlation
 * id, and none publishes anything.
 */
class HostileRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXISTING = "payments-api";
    private static final AtomicInteger SENT = new AtomicInteger();

    private static ConfigurableApplicationContext context;
    private static MockMvc mvc;
    private static RecordingPublisher publisher;
    private static InMemoryReadModel readModel;

    /** The web layer of the gateway, with the intake over in-memory adapters instead of PostgreSQL and Kafka. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(io.platform.gateway.config.GatewayProperties.class)
    @Import({NamespaceController.class, RequestController.class, GatewayWebConfiguration.class, GatewayProblemAdvice.class})
    static class WebLayer {

        @Bean
        InMemoryReadModel readModel() {
            InMemoryReadModel model = new InMemoryReadModel();
            NamespaceSpecification spec = new NamespaceSpecification(EXISTING, "payments", "production", "small",
                    "isolated", List.of("monitoring"), null, "cc-1");
            model.saveNamespace(Optional.empty(), Optional.of(new Namespace(EXISTING, "payments", spec,
                    LifecycleStatus.READY, "r-0", Specs.T0, Specs.T0)));
            return model;
        }

        @Bean
        RecordingPublisher recordingPublisher() {
            return new RecordingPublisher();
        }

        @Bean
        NamespaceIntake namespaceIntake(InMemoryReadModel model, RecordingPublisher recording) {
            return new NamespaceIntake(NamespaceRequestValidator.standalone(), Specs.catalog(true), model, recording,
                    model, Clock.systemUTC(), "gateway-service");
        }

        /** Two known tokens; anything else is a bad token (401), as the real decoder would say. */
        @Bean
        JwtDecoder jwtDecoder() {
            return token -> switch (token) {
                case "payments-token" -> jwt(token, "team-payments", List.of("namespace:read", "namespace:create",
                        "namespace:update", "namespace:delete"), List.of("payments"));
                case "analyst-token" -> jwt(token, "analyst", List.of("analytics:read", "audit:read"), List.of());
                default -> throw new BadJwtException("not a token of this test");
            };
        }

        private static Jwt jwt(String token, String subject, List<String> roles, List<String> teams) {
            return Jwt.withTokenValue(token).header("alg", "RS256").subject(subject).claim("roles", roles)
                    .claim("teams", teams).audience(List.of("platform-api")).issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(3600)).build();
        }
    }

    @BeforeContainer
    static void startWebLayer() {
        context = new SpringApplicationBuilder(WebLayer.class).run(
                "--server.port=0",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                        + "io.platform.common.kafka.PlatformKafkaAutoConfiguration,"
                        + "io.platform.common.catalog.CatalogReplicaAutoConfiguration",
                "--platform.catalog.replica.enabled=false",
                "--logging.level.root=ERROR");
        // the servlet filters in the order the server runs them: correlation id, body size limit, security, rate limit
        List<jakarta.servlet.Filter> filters = new ArrayList<>();
        context.getBeansOfType(org.springframework.boot.web.servlet.FilterRegistrationBean.class).values().stream()
                .sorted(java.util.Comparator.comparingInt(org.springframework.boot.web.servlet.FilterRegistrationBean::getOrder))
                .filter(registration -> registration.getOrder() < org.springframework.boot.security.autoconfigure.web
                        .servlet.SecurityFilterProperties.DEFAULT_FILTER_ORDER)
                .forEach(registration -> filters.add(registration.getFilter()));
        filters.add(context.getBean("springSecurityFilterChain", jakarta.servlet.Filter.class));
        filters.add(context.getBean("rateLimitFilter", org.springframework.boot.web.servlet.FilterRegistrationBean.class)
                .getFilter());
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .addFilters(filters.toArray(jakarta.servlet.Filter[]::new))
                .build();
        publisher = context.getBean(RecordingPublisher.class);
        readModel = context.getBean(InMemoryReadModel.class);
    }

    @AfterContainer
    static void stopWebLayer() {
        assertThat(SENT.get()).as("hostile requests sent").isGreaterThanOrEqualTo(10_000);
        context.close();
    }

    @AfterProperty
    void nothingWasPublishedOrStored() {
        assertThat(publisher.published).isEmpty();
        assertThat(readModel.requestCount()).isZero();
        assertThat(readModel.findNamespace(EXISTING).orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }

    private static MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        SENT.incrementAndGet();
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as("status").isBetween(200, 499);
        if (response.getStatus() >= 400) {
            assertThat(response.getContentType()).as("content type of a %d", response.getStatus())
                    .startsWith("application/problem+json");
            assertThat(response.getContentAsString()).contains("\"type\"", "\"correlationId\"");
        }
        assertThat(publisher.published).as("published").isEmpty();
        return response;
    }

    private static MockHttpServletRequestBuilder authenticated(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer payments-token");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // POST /api/v1/namespaces

    @Property(tries = 3000)
    void refusesACreateRequestWithAtLeastOneBrokenRule(@ForAll("brokenCreateBodies") String body) throws Exception {
        MockHttpServletResponse response = send(authenticated(post("/api/v1/namespaces"))
                .contentType("application/json").content(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.getStatus()).as(body).isIn(400, 403, 413);
    }

    @Property(tries = 2000)
    void refusesBodiesThatAreNotARequestAtAll(@ForAll("garbageBodies") byte[] body,
                                              @ForAll("contentTypes") String contentType) throws Exception {
        MockHttpServletResponse response = send(authenticated(post("/api/v1/namespaces"))
                .contentType(contentType).content(body));

        assertThat(response.getStatus()).isIn(400, 413, 415);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PATCH and DELETE /api/v1/namespaces/{name}

    @Property(tries = 2000)
    void refusesABrokenChange(@ForAll("brokenChangeBodies") String body, @ForAll("targetNames") String name)
            throws Exception {
        MockHttpServletResponse response = send(authenticated(patch("/api/v1/namespaces/{name}", name))
                .contentType("application/json").content(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.getStatus()).as(body).isIn(400, 404, 413);
    }

    @Property(tries = 1500)
    void refusesHostileDeletions(@ForAll("hostileNames") String name, @ForAll("hostileReasons") String reason,
                                 @ForAll("hostileKeys") String key) throws Exception {
        MockHttpServletRequestBuilder request = authenticated(delete("/api/v1/namespaces/{name}", name));
        request.queryParam("reason", reason);
        request.header("Idempotency-Key", key);
        MockHttpServletResponse response = send(request);

        assertThat(response.getStatus()).isIn(400, 403, 404);
        // the existing namespace is production: the team's token may not delete it, whatever else is wrong
        MockHttpServletResponse existing = send(authenticated(delete("/api/v1/namespaces/{name}", EXISTING))
                .queryParam("reason", reason).header("Idempotency-Key", key));
        assertThat(existing.getStatus()).isIn(400, 403);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reads and tokens

    @Property(tries = 1000)
    void answersHostileQueriesWithoutServerErrors(@ForAll("hostileStrings") String value,
                                                  @ForAll("queryParameters") String parameter,
                                                  @ForAll("hostileNames") String name) throws Exception {
        send(authenticated(get("/api/v1/namespaces")).queryParam(parameter, value));
        MockHttpServletResponse one = send(authenticated(get("/api/v1/namespaces/{name}", name)));
        assertThat(one.getStatus()).isIn(400, 404);
        MockHttpServletResponse request = send(authenticated(get("/api/v1/requests/{id}", name)));
        assertThat(request.getStatus()).isIn(400, 404);
    }

    @Property(tries = 500)
    void refusesMissingBrokenOrUnderprivilegedTokens(@ForAll("badAuthorizations") String authorization,
                                                     @ForAll("brokenCreateBodies") String body) throws Exception {
        MockHttpServletRequestBuilder request = post("/api/v1/namespaces").contentType("application/json")
                .content(validBody());
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        MockHttpServletResponse response = send(request);
        // 400: an Authorization header that is not a well-formed bearer token at all (RFC 6750 invalid_request)
        assertThat(response.getStatus()).isIn(400, 401, 403);
        MockHttpServletResponse patched = send(patch("/api/v1/namespaces/{name}", EXISTING)
                .header("Authorization", authorization.isEmpty() ? "Bearer analyst-token" : authorization)
                .contentType("application/json").content(body));
        assertThat(patched.getStatus()).isIn(400, 401, 403, 413);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // generators

    private static Map<String, Object> validRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "fresh-namespace");
        body.put("team", "payments");
        body.put("environment", "development");
        body.put("tier", "small");
        body.put("networkPolicy", "isolated");
        body.put("features", List.of("monitoring"));
        body.put("description", "a namespace");
        body.put("costCenter", "cc-1");
        return body;
    }

    private static String validBody() {
        return JSON.writeValueAsString(validRequest());
    }

    /** Text from the first Unicode blocks: controls, Latin, Cyrillic, combining marks, zero-width and bidi controls. */
    private static net.jqwik.api.arbitraries.StringArbitrary anyText() {
        return Arbitraries.strings().withCharRange('\u0000', '\u2FFF');
    }

    @Provide
    Arbitrary<String> hostileNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("default", "kube-system", "kube-public", "openshift-infra", "platform-core", "platform-",
                        "", " ", "a", "ab", "-abc", "abc-", "ABC", "Payments", "pay_ments", "pay.ments", "pay ments",
                        "payments\u0000", "pаyments" /* Cyrillic a */, "payments\u200b", "\u202epayments",
                        "ｐａｙｍｅｎｔｓ", "payments\n", "../admin", "%2e%2e", "{name}", "x".repeat(64),
                        "a".repeat(1000), "ünïcödé", "名前空間", "😀😀😀", "payments-api;drop table namespace"),
                Arbitraries.strings().ofMinLength(64).ofMaxLength(300).withCharRange('a', 'z'),
                anyText().ofMinLength(1).ofMaxLength(80)
                        .filter(name -> !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() < 3)
                        .filter(name -> !name.equals(EXISTING)),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(3).ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> targetNames() {
        return Arbitraries.oneOf(Arbitraries.just(EXISTING), hostileNames(),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                anyText().ofMaxLength(200),
                Arbitraries.of("-1", "0", "99999999999", "NaN", "1e9", "2147483647", "-2147483648", "READY ", "ready",
                        "SLEEPING", "", "%00", "' or 1=1 --", "${jndi:ldap://x}", "\u0000", "a".repeat(5000)));
    }

    @Provide
    Arbitrary<String> queryParameters() {
        return Arbitraries.of("page", "size", "status", "team", "environment", "tier", "unknown", "page[]", "");
    }

    @Provide
    Arbitrary<String> hostileReasons() {
        return Arbitraries.oneOf(
                anyText().ofMaxLength(100),
                Arbitraries.strings().ofMinLength(513).ofMaxLength(2000).withCharRange('a', 'z'),
                Arbitraries.of("line\nbreak", "tab\there", "\u202eright-to-left", "zero\u200bwidth", "\u0007bell"));
    }

    @Provide
    Arbitrary<String> hostileKeys() {
        return Arbitraries.oneOf(
                Arbitraries.of("with space", "", "ключ", "a".repeat(129), "tab\tkey", "line\rbreak"),
                Arbitraries.strings().ofMinLength(129).ofMaxLength(300).withCharRange('!', '~'),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128));
    }

    @Provide
    Arbitrary<String> badAuthorizations() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "Bearer", "Bearer ", "Basic dGVhbTpzZWNyZXQ=", "bearer payments-token ",
                        "Bearer analyst-token", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
                        "Bearer payments-token payments-token", "Token payments-token"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(300).map(token -> "Bearer " + token)
                        .filter(value -> !value.equals("Bearer payments-token")));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json;charset=UTF-16", "text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream");
    }

    /** Anything but a JSON object of the request: random text and bytes, broken or deeply nested JSON, huge bodies. */
    @Provide
    Arbitrary<byte[]> garbageBodies() {
        Arbitrary<String> text = Arbitraries.oneOf(
                anyText().ofMaxLength(500),
                Arbitraries.of("", "null", "true", "42", "\"text\"", "[]", "[{}]", "{", "}", "{\"name\":", "{'name': 'x'}",
                        "{\"name\" \"x\"}", "{\"name\": \"x\",}", "\u0000", "{\"name\": NaN}", "/* */ {}"),
                Arbitraries.integers().between(1, 30_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 10_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth)),
                Arbitraries.integers().between(65_537, 200_000).map(size -> "{\"description\": \"" + "x".repeat(size) + "\"}"));
        return Arbitraries.oneOf(
                text.map(value -> value.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000),
                Arbitraries.just(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
    }

    /** A valid request with at least one fatal mutation (plus, maybe, harmless noise). */
    @Provide
    Arbitrary<String> brokenCreateBodies() {
        Arbitrary<java.util.function.Consumer<Map<String, Object>>> fatal = Arbitraries.oneOf(
                hostileNames().map(name -> body -> body.put("name", name)),
                Arbitraries.just(body -> body.remove("name")),
                Arbitraries.of("name", "team", "environment", "tier", "networkPolicy", "features")
                        .map(field -> body -> body.remove(field)),
                Arbitraries.of("name", "team", "environment", "tier", "networkPolicy", "features")
                        .map(field -> body -> body.put(field, null)),
                anyText().ofMaxLength(30).filter(tier -> !tier.equals("small"))
                        .map(tier -> body -> body.put("tier", tier)),
                anyText().ofMaxLength(30)
                        .filter(env -> !List.of("development", "staging", "production").contains(env))
                        .map(env -> body -> body.put("environment", env)),
                anyText().ofMaxLength(30)
                        .filter(policy -> !List.of("isolated", "team-shared", "open").contains(policy))
                        .map(policy -> body -> body.put("networkPolicy", policy)),
                Arbitraries.of(List.of("telepathy"), List.of("monitoring", "monitoring"), List.of(""),
                                java.util.Collections.nCopies(17, "monitoring"), List.of("Monitoring"))
                        .map(features -> body -> body.put("features", features)),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20).withCharRange('a', 'z')
                        .filter(field -> !validRequest().containsKey(field))
                        .map(field -> body -> body.put(field, "surprise")),
                Arbitraries.of("name", "team", "environment", "tier", "networkPolicy", "features", "description", "costCenter")
                        .flatMap(field -> Arbitraries.of(42, 3.14, true, Map.of("nested", "object"), List.of(1, 2),
                                        Long.MAX_VALUE)
                                .filter(value -> !(field.equals("features") && value instanceof List))
                                .map(value -> body -> body.put(field, value))),
                Arbitraries.of(List.of(1, 2), List.of(Map.of()), List.of(List.of("monitoring")))
                        .map(features -> body -> body.put("features", features)),
                Arbitraries.of("line\nbreak", "bell\u0007", "\u202eoverride", "x".repeat(513))
                        .map(description -> body -> body.put("description", description)),
                Arbitraries.of("cc 1", "cc/1", "cc;1", "ç", "x".repeat(65))
                        .map(costCenter -> body -> body.put("costCenter", costCenter)),
                Arbitraries.of("search", "Payments", "", "team with space", "x".repeat(41))
                        .map(team -> body -> body.put("team", team)),
                Arbitraries.integers().between(65_537, 100_000)
                        .map(size -> body -> body.put("description", "x".repeat(size))));
        Arbitrary<java.util.function.Consumer<Map<String, Object>>> noise = Arbitraries.oneOf(
                Arbitraries.just(body -> { }),
                Arbitraries.of("staging", "production").map(env -> body -> body.put("environment", env)),
                Arbitraries.of("open", "team-shared").map(policy -> body -> body.put("networkPolicy", policy)),
                Arbitraries.just(body -> body.remove("description")),
                Arbitraries.just(body -> body.put("features", List.of())));
        return Combinators.combine(noise, fatal.list().ofMinSize(1).ofMaxSize(3)).as((harmless, mutations) -> {
            Map<String, Object> body = validRequest();
            harmless.accept(body);
            mutations.forEach(mutation -> mutation.accept(body));
            return JSON.writeValueAsString(body);
        });
    }

    /** A change that breaks at least one rule, or is not a change at all. */
    @Provide
    Arbitrary<String> brokenChangeBodies() {
        Arbitrary<Map<String, Object>> broken = Arbitraries.oneOf(
                Arbitraries.just(Map.of()),
                anyText().ofMaxLength(30).filter(tier -> !tier.equals("small")).map(tier -> Map.of("tier", tier)),
                anyText().ofMaxLength(30)
                        .filter(policy -> !List.of("isolated", "team-shared", "open").contains(policy))
                        .map(policy -> Map.of("networkPolicy", policy)),
                Arbitraries.of(List.of("telepathy"), List.of("monitoring", "monitoring"), List.of("Not A Label"))
                        .map(features -> Map.of("features", features)),
                Arbitraries.of("name", "team", "environment", "replicas", "spec", "status")
                        .map(field -> Map.of(field, "changed")),
                Arbitraries.of("line\nbreak", "x".repeat(513)).map(description -> Map.of("description", description)),
                Arbitraries.of("cc 1", "x".repeat(65)).map(costCenter -> Map.of("costCenter", costCenter)),
                Arbitraries.of("tier", "networkPolicy", "features", "description", "costCenter")
                        .flatMap(field -> Arbitraries.of(42, false, Map.of("a", 1), List.of(1))
                                .filter(value -> !(field.equals("features") && value instanceof List))
                                .map(value -> Map.of(field, value))));
        return Arbitraries.oneOf(
                broken.map(JSON::writeValueAsString),
                Arbitraries.of("[]", "null", "\"tier\"", "{", "{\"tier\": }", "[".repeat(2_000) + "]".repeat(2_000),
                        "{\"description\": \"" + "x".repeat(70_000) + "\"}"));
    }
}
