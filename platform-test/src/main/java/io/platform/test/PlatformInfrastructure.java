package io.platform.test;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at real infrastructure. Use from a {@code @DynamicPropertySource} method:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     PlatformInfrastructure.kafka(registry);
 *     PlatformInfrastructure.postgres(registry, "gateway");
 *     PlatformInfrastructure.issuer(registry);
 * }
 * }</pre>
 * Everything starts lazily, once per test JVM, and stops when the JVM exits.
 */
public final class PlatformInfrastructure {

    private PlatformInfrastructure() {
    }

    /** The in-JVM KRaft broker and the real schema registry (schemas registered). */
    public static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("platform.kafka.registry-url", TestRegistry::url);
    }

    /** A fresh-per-JVM database on the embedded PostgreSQL server. */
    public static void postgres(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
    }

    /** The dev OIDC issuer; get tokens with {@link TestIssuer#token(String)}. */
    public static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer::issuerUri);
    }
}
