package io.platform.localstack.kubernetes;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lets a fault-injection suite make the stand-in misbehave like a sick API server for a while:
 * {@code POST /__faults?mode=error&status=503&seconds=20} answers every API request with that status;
 * {@code POST /__faults?mode=hang&seconds=20} holds every answer until the window ends (clients time out first);
 * {@code DELETE /__faults} ends the fault. {@code GET /version} (the readiness probe) is never affected.
 */
final class FaultInjector {

    static final String PATH = "/__faults";

    private record Fault(String mode, int status, Instant until) {
    }

    private volatile Fault fault;

    /** An answer for control requests, or for API requests while a fault is active. */
    Optional<MockResponse> intercept(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        if (path.startsWith(PATH)) {
            return Optional.of(control(request.getMethod(), path));
        }
        Fault active = fault;
        if (active == null || path.startsWith("/version")) {
            return Optional.empty();
        }
        Duration remaining = Duration.between(Instant.now(), active.until());
        if (remaining.isNegative() || remaining.isZero()) {
            fault = null;
            return Optional.empty();
        }
        MockResponse response = new MockResponse().setResponseCode(active.status())
                .setBody(status(active.status(), "injected fault: " + active.mode()));
        if ("hang".equals(active.mode())) {
            response.setBodyDelay(remaining);
        }
        return Optional.of(response);
    }

    private MockResponse control(String method, String path) {
        if ("DELETE".equals(method)) {
            fault = null;
            return new MockResponse().setResponseCode(200).setBody("{\"fault\":null}");
        }
        if (!"POST".equals(method)) {
            return new MockResponse().setResponseCode(405).setBody(status(405, "POST or DELETE " + PATH));
        }
        Map<String, String> query = query(path);
        String mode = query.getOrDefault("mode", "error");
        if (!mode.equals("error") && !mode.equals("hang")) {
            return new MockResponse().setResponseCode(400).setBody(status(400, "mode must be error or hang"));
        }
        int seconds;
        int code;
        try {
            seconds = Integer.parseInt(query.getOrDefault("seconds", "20"));
            code = Integer.parseInt(query.getOrDefault("status", mode.equals("hang") ? "504" : "503"));
        } catch (NumberFormatException e) {
            return new MockResponse().setResponseCode(400).setBody(status(400, "seconds and status must be numbers"));
        }
        fault = new Fault(mode, code, Instant.now().plusSeconds(seconds));
        return new MockResponse().setResponseCode(200)
                .setBody("{\"mode\":\"" + mode + "\",\"status\":" + code + ",\"seconds\":" + seconds + "}");
    }

    private static Map<String, String> query(String path) {
        Map<String, String> values = new HashMap<>();
        String raw = URI.create(path).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }

    private static String status(int code, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"code\":" + code + "}";
    }
}
