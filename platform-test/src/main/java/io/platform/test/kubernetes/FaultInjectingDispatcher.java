package io.platform.test.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Sits in front of fabric8's CRUD dispatcher and answers chosen requests the way a sick or strict API server would:
 * an HTTP status with a Kubernetes {@code Status} body (409, 429, 500, 503, 403, 422...), or the real answer held back
 * longer than the client waits (a timeout). Each fault applies to the next {@code times} matching requests; everything
 * else reaches the CRUD store unchanged.
 */
public final class FaultInjectingDispatcher extends Dispatcher {

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** One injected misbehaviour. */
    public static final class Fault {
        private final String method;
        private final Pattern path;
        private final int status;
        private final Duration delay;
        private final AtomicInteger remaining;
        private final AtomicInteger hits = new AtomicInteger();

        private Fault(String method, String pathRegex, int status, Duration delay, int times) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.status = status;
            this.delay = delay;
            this.remaining = new AtomicInteger(times);
        }

        /** How many requests it answered. */
        public int hits() {
            return hits.get();
        }

        boolean takes(RecordedRequest request) {
            if (!method.equalsIgnoreCase(request.getMethod()) || !path.matcher(request.getPath()).find()) {
                return false;
            }
            if (remaining.getAndDecrement() <= 0) {
                return false;
            }
            hits.incrementAndGet();
            return true;
        }
    }

    /** The next {@code times} requests of {@code method} whose path matches get {@code status}. */
    public Fault fail(String method, String pathRegex, int status, int times) {
        Fault fault = new Fault(method, pathRegex, status, null, times);
        faults.add(fault);
        return fault;
    }

    /** The next {@code times} matching requests are answered only after {@code delay}. */
    public Fault delay(String method, String pathRegex, Duration delay, int times) {
        Fault fault = new Fault(method, pathRegex, 0, delay, times);
        faults.add(fault);
        return fault;
    }

    public void clear() {
        faults.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        for (Fault fault : faults) {
            if (fault.takes(request)) {
                if (fault.delay != null) {
                    return crud.dispatch(request).setBodyDelay(fault.delay);
                }
                return new MockResponse().setResponseCode(fault.status)
                        .setHeader("Content-Type", "application/json")
                        .setBody(status(fault.status, reasonOf(fault.status)));
            }
        }
        return crud.dispatch(request);
    }

    private static String reasonOf(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            default -> "Unknown";
        };
    }

    private static String status(int code, String reason) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"injected fault: " + reason + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
