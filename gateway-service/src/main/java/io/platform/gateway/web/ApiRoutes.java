package io.platform.gateway.web;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.POST;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.platform.common.web.CorrelationId;
import io.platform.common.web.ProblemTypes;
import io.platform.common.web.ProblemWriter;
import io.platform.gateway.config.GatewayProperties;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The other services' APIs behind the gateway, routed with Spring Cloud Gateway Server MVC: the request goes on
 * unchanged (method, path, query, body, the caller's headers including its {@code Authorization}, so the service
 * checks the same token and the roles), plus {@code X-Correlation-Id}, {@code X-Forwarded-*} and the W3C trace
 * context; the answer comes back unchanged. The gateway itself only insists on a valid token (401 otherwise, before
 * anything is relayed). A service that cannot be reached is answered as a problem: 503 with {@code Retry-After}
 * (not reachable), 504 (no answer in time), 502 (broken answer).
 */
@Configuration(proxyBeanMethods = false)
public class ApiRoutes {

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    static final long RETRY_AFTER_SECONDS = 5;

    /** The HTTP client of every route (Spring Cloud Gateway's RestClient picks up this factory). */
    @Bean
    ClientHttpRequestFactory gatewayClientHttpRequestFactory(GatewayProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }

    @Bean
    RouterFunction<ServerResponse> catalogRoute(GatewayProperties properties, ProblemWriter problems) {
        // catalog-service also serves the service instances of a namespace
        return relay("catalog", properties, problems, path("/api/v1/catalog/**")
                .or(path("/api/v1/namespaces/*/services"))
                .or(path("/api/v1/namespaces/*/services/**")));
    }

    @Bean
    RouterFunction<ServerResponse> rbacRoute(GatewayProperties properties, ProblemWriter problems) {
        return relay("rbac", properties, problems, path("/api/v1/rbac/**"));
    }

    @Bean
    RouterFunction<ServerResponse> analyticsRoute(GatewayProperties properties, ProblemWriter problems) {
        return relay("analytics", properties, problems, path("/api/v1/analytics/**"));
    }

    @Bean
    RouterFunction<ServerResponse> auditRoute(GatewayProperties properties, ProblemWriter problems) {
        return relay("audit", properties, problems, path("/api/v1/audit/**"));
    }

    /** provisioning-service: retrying a failed request, and its admin API. */
    @Bean
    RouterFunction<ServerResponse> provisioningRoute(GatewayProperties properties, ProblemWriter problems) {
        return relay("provisioning", properties, problems, POST("/api/v1/requests/*/retry")
                .or(path("/api/v1/admin/**")));
    }

    /** Each service's OpenAPI document, public like the gateway's own, for the Swagger UI of the whole API. */
    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(GatewayProperties properties, ProblemWriter problems) {
        RouterFunction<ServerResponse> routes = null;
        for (String service : GatewayProperties.SERVICES.stream().sorted().toList()) {
            URI base = properties.routes().get(service);
            RouterFunction<ServerResponse> docs = route(service + "-api-docs")
                    .route(GET("/api-docs/" + service), http())
                    .before(uri(base))
                    .before(setPath("/v3/api-docs"))
                    .onError(exception -> true, problem(service, base, properties, problems))
                    .build();
            routes = routes == null ? docs : routes.and(docs);
        }
        return routes;
    }

    private static RouterFunction<ServerResponse> relay(String service, GatewayProperties properties,
                                                        ProblemWriter problems, RequestPredicate predicate) {
        URI base = properties.routes().get(service);
        return route(service)
                .route(predicate, http())
                .before(uri(base))
                .before(correlationId())
                .onError(exception -> true, problem(service, base, properties, problems))
                .build();
    }

    /** The gateway's correlation id (the caller's, or the one it made) goes on to the service. */
    private static Function<ServerRequest, ServerRequest> correlationId() {
        return request -> {
            String id = CorrelationId.current();
            return id == null ? request
                    : ServerRequest.from(request).headers(headers -> headers.set(CorrelationId.HEADER, id)).build();
        };
    }

    private static BiFunction<Throwable, ServerRequest, ServerResponse> problem(String service, URI base,
                                                                                 GatewayProperties properties,
                                                                                 ProblemWriter problems) {
        return (exception, request) -> {
            ProblemDetail problem;
            if (causedBy(exception, HttpConnectTimeoutException.class) || causedBy(exception, ConnectException.class)) {
                log.warn("{} API unreachable at {}: {}", service, base, exception.toString());
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "the " + service + " API is unreachable; retry later");
                problem.setTitle("Temporarily unavailable");
            } else if (causedBy(exception, HttpTimeoutException.class)) {
                log.warn("{} API did not answer within {}", service, properties.readTimeout());
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "the " + service
                        + " API did not answer within " + properties.readTimeout().toMillis() + " ms");
                problem.setTitle("Upstream timeout");
            } else {
                log.warn("{} API failed: {}", service, exception.toString());
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                        "the " + service + " API answered in a way that cannot be relayed");
                problem.setTitle("Bad gateway");
            }
            problem.setType(ProblemTypes.UNAVAILABLE);
            ProblemDetail answer = problem;
            ServerResponse.BodyBuilder builder = ServerResponse.status(answer.getStatus());
            if (answer.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                builder.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
            }
            return builder.build((servletRequest, servletResponse) -> {
                problems.write(servletRequest, servletResponse, answer);
                return null;
            });
        };
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
