package io.platform.localstack.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * An in-memory stand-in for the Kubernetes API: fabric8's mock server in CRUD mode on plain HTTP,
 * plus a kubeconfig that points at it.
 *
 * <pre>
 * java -jar k8s-stand-in.jar [--port 6443] [--host 127.0.0.1] [--kubeconfig .platform/kubeconfig]
 *                           [--request-log .platform/logs/k8s-requests.log] [--clients provisioning-service,rbac-service]
 * </pre>
 *
 * It stores objects like an API server (create, get, list, update, patch, delete, watch; 409 on a
 * duplicate) but runs no controllers and keeps nothing across restarts. {@link FaultInjector} lets a test make it
 * answer 5xx or hang for a while.
 */
public final class KubernetesStandIn implements AutoCloseable {

    public static final int DEFAULT_PORT = 6443;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Path DEFAULT_KUBECONFIG = Path.of(".platform", "kubeconfig");
    public static final String CONTEXT_NAME = "platform-local";
    public static final String NOTICE = "in-memory Kubernetes API stand-in (fabric8 CRUD mock): no scheduler, "
            + "no admission, no server-side apply, no quota status, data lost on stop";

    private final KubernetesMockServer server;
    private final String url;
    private final RequestLog requestLog;

    private KubernetesStandIn(KubernetesMockServer server, String url, RequestLog requestLog) {
        this.server = server;
        this.url = url;
        this.requestLog = requestLog;
    }

    /** Starts the stand-in on {@code host:port} and writes a kubeconfig for it to {@code kubeconfig}. */
    public static KubernetesStandIn start(String host, int port, Path kubeconfig) throws IOException {
        return start(host, port, kubeconfig, null, List.of());
    }

    /**
     * Starts the stand-in; with a request log, every request is recorded; each named client gets a kubeconfig of its
     * own ({@code <kubeconfig>-<client>}) whose token is the client's name, so the log tells who asked.
     */
    public static KubernetesStandIn start(String host, int port, Path kubeconfig, Path requestLogFile, List<String> clients)
            throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        RequestLog requestLog = requestLogFile == null ? null : new RequestLog(requestLogFile);
        FaultInjector faults = new FaultInjector();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(responses) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Optional<MockResponse> injected = faults.intercept(request);
                if (injected.isPresent()) {
                    return injected.get();
                }
                if (requestLog != null) {
                    requestLog.record(request.getHeader("Authorization"), request.getMethod(), request.getPath());
                }
                return super.dispatch(request);
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()),
                new MockWebServer(),
                responses,
                dispatcher,
                false,
                new VersionInfo.Builder()
                        .withMajor("1")
                        .withMinor("33")
                        .withGitVersion("v1.33.0-platform-stand-in")
                        .withPlatform("fabric8-crud-mock")
                        .build());
        server.init(InetAddress.getByName(host), port);
        String url = "http://" + host + ":" + server.getPort();
        try {
            writeKubeconfig(kubeconfig, url, "local-stand-in-token");
            for (String client : clients) {
                writeKubeconfig(Path.of(kubeconfig + "-" + client), url, client);
            }
        } catch (IOException | RuntimeException e) {
            server.destroy();
            throw e;
        }
        return new KubernetesStandIn(server, url, requestLog);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.destroy();
        if (requestLog != null) {
            requestLog.close();
        }
    }

    static String kubeconfig(String url) {
        return kubeconfig(url, "local-stand-in-token");
    }

    static String kubeconfig(String url, String token) {
        return """
                # Written by the local stack's Kubernetes stand-in; valid only while it runs.
                apiVersion: v1
                kind: Config
                clusters:
                  - name: %1$s
                    cluster:
                      server: %2$s
                users:
                  - name: %1$s
                    user:
                      token: %3$s
                contexts:
                  - name: %1$s
                    context:
                      cluster: %1$s
                      user: %1$s
                      namespace: default
                current-context: %1$s
                """.formatted(CONTEXT_NAME, url, token);
    }

    private static void writeKubeconfig(Path file, String url, String token) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".kubeconfig", ".tmp");
        try {
            Files.writeString(temp, kubeconfig(url, token), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("k8s-stand-in: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        KubernetesStandIn standIn = start(options.host(), options.port(), options.kubeconfig(), options.requestLog(),
                options.clients());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            System.out.println("k8s-stand-in: stopped (all objects discarded)");
            stopped.countDown();
        }, "k8s-stand-in-shutdown"));

        System.out.println("************************************************************************");
        System.out.println("* " + NOTICE);
        System.out.println("* API:        " + standIn.url());
        System.out.println("* kubeconfig: " + options.kubeconfig().toAbsolutePath());
        System.out.println("************************************************************************");
        System.out.println("READY k8s-stand-in url=" + standIn.url() + " kubeconfig=" + options.kubeconfig().toAbsolutePath());
        System.out.flush();
        stopped.await();
    }

    /** Command-line options. */
    record Options(String host, int port, Path kubeconfig, Path requestLog, List<String> clients) {

        static final String USAGE = "usage: java -jar k8s-stand-in.jar [--port " + DEFAULT_PORT + "] [--host "
                + DEFAULT_HOST + "] [--kubeconfig " + DEFAULT_KUBECONFIG + "] [--request-log FILE] [--clients a,b]";

        Options(String host, int port, Path kubeconfig) {
            this(host, port, kubeconfig, null, List.of());
        }

        static Options parse(String[] args) {
            String host = DEFAULT_HOST;
            int port = DEFAULT_PORT;
            Path kubeconfig = DEFAULT_KUBECONFIG;
            Path requestLog = null;
            List<String> clients = List.of();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name;
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg;
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + arg);
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--port" -> port = parsePort(value);
                    case "--host" -> host = value;
                    case "--kubeconfig" -> kubeconfig = Path.of(value);
                    case "--request-log" -> requestLog = Path.of(value);
                    case "--clients" -> clients = List.of(value.split(","));
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(host, port, kubeconfig, requestLog, clients);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value);
            }
        }
    }
}
