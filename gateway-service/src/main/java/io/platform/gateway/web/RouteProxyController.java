package io.platform.gateway.web;

import io.platform.common.web.CorrelationId;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ProblemTypes;
import io.platform.gateway.config.GatewayProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Relays {@code /api/v1/<service>/**} to the service configured for that first segment
 * ({@code platform.gateway.routes}): same method, path, query and body, the caller's headers (its Authorization
 * header included, so the service checks the same token) and the correlation id; the service's answer goes back
 * unchanged. The gateway's own endpoints are more specific mappings and win. A service that cannot be reached is
 * answered as a problem: 503 (not reachable), 504 (no answer in time), 502 (broken answer).
 */
@Hidden
@RestController
public class RouteProxyController {

    private static final Logger log = LoggerFactory.getLogger(RouteProxyController.class);

    /** Hop-by-hop headers (RFC 9110 §7.6.1) and those the HTTP client sets itself. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings", CorrelationId.HEADER.toLowerCase(Locale.ROOT));

    private final Map<String, URI> routes;
    private final Duration readTimeout;
    private final long maxBodyBytes;
    private final HttpClient client;

    public RouteProxyController(GatewayProperties properties) {
        this.routes = Map.copyOf(properties.routes());
        this.readTimeout = properties.readTimeout();
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @RequestMapping({"/api/v1/{service}", "/api/v1/{service}/**"})
    public void relay(@PathVariable String service, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        URI base = routes.get(service);
        if (base == null) {
            throw ProblemException.notFound("API /api/v1/" + service);
        }
        HttpRequest outgoing = outgoing(base, request);
        HttpResponse<InputStream> answer = send(service, outgoing);
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT)) || "content-length".equalsIgnoreCase(name)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        try (InputStream body = answer.body(); OutputStream out = response.getOutputStream()) {
            body.transferTo(out);
        }
    }

    private HttpRequest outgoing(URI base, HttpServletRequest request) throws IOException {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        String query = request.getQueryString();
        URI target = URI.create(root + request.getRequestURI() + (query == null ? "" : "?" + query));
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the body exceeds " + maxBodyBytes + " bytes");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(readTimeout)
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        Set<String> connectionTokens = connectionTokens(request);
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_RELAYED.contains(lower) || connectionTokens.contains(lower) || lower.startsWith("x-forwarded-")) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                try {
                    builder.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    log.debug("header {} not relayed: {}", name, restricted.getMessage());
                }
            }
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        builder.header("X-Forwarded-For", forwardedFor == null ? request.getRemoteAddr()
                : forwardedFor + ", " + request.getRemoteAddr());
        builder.header("X-Forwarded-Proto", request.getScheme());
        builder.header("X-Forwarded-Host", request.getServerName());
        builder.header("X-Forwarded-Port", Integer.toString(request.getServerPort()));
        String correlationId = CorrelationId.current();
        if (correlationId != null) {
            builder.header(CorrelationId.HEADER, correlationId);
        }
        return builder.build();
    }

    private HttpResponse<InputStream> send(String service, HttpRequest outgoing) {
        try {
            return client.send(outgoing, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            log.warn("{} API unreachable at {}: {}", service, outgoing.uri().getAuthority(), e.toString());
            throw ProblemException.unavailable("the " + service + " API is unreachable", 5);
        } catch (HttpTimeoutException e) {
            log.warn("{} API did not answer within {}", service, readTimeout);
            throw new ProblemException(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.UNAVAILABLE, "Upstream timeout",
                    "the " + service + " API did not answer within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                log.warn("{} API unreachable at {}: {}", service, outgoing.uri().getAuthority(), e.getCause().toString());
                throw ProblemException.unavailable("the " + service + " API is unreachable", 5);
            }
            log.warn("{} API failed: {}", service, e.toString());
            throw new ProblemException(HttpStatus.BAD_GATEWAY, ProblemTypes.UNAVAILABLE, "Bad gateway",
                    "the " + service + " API answered in a way that cannot be relayed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for the " + service + " API", 5);
        }
    }

    private static Set<String> connectionTokens(HttpServletRequest request) {
        String connection = request.getHeader("Connection");
        if (connection == null) {
            return Set.of();
        }
        return Set.copyOf(List.of(connection.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
    }
}
