package io.platform.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Drives the local stack through {@code ./platform}, as a user or an operator would. */
public final class StackControl {

    public static final List<String> INFRA = List.of("postgres", "kafka", "schema-registry", "dev-issuer", "k8s-stand-in");
    public static final List<String> SERVICES = List.of("gateway-service", "catalog-service", "provisioning-service",
            "rbac-service", "analytics-service", "audit-service");

    private final Path root;
    private final Path logDir;

    public StackControl(Path root, Path logDir) {
        this.root = root;
        this.logDir = logDir;
    }

    public Path root() {
        return root;
    }

    public Path kubeconfig() {
        return root.resolve(".platform").resolve("kubeconfig");
    }

    public Path kubernetesRequestLog() {
        return root.resolve(".platform").resolve("logs").resolve("k8s-requests.log");
    }

    /** {@code ./platform up --detach --no-build}; returns how long it took. */
    public Duration up() {
        long start = System.nanoTime();
        run("up", List.of("up", "--detach", "--no-build"), Duration.ofMinutes(10));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public void down() {
        run("down", List.of("down"), Duration.ofMinutes(3));
    }

    public boolean isRunning() {
        return INFRA.stream().anyMatch(name -> pid(name).isPresent());
    }

    /** SIGKILL, as a crash would. */
    public void kill(String component) {
        run("kill-" + component, List.of("kill", component), Duration.ofMinutes(1));
    }

    public void stop(String component) {
        run("stop-" + component, List.of("stop", component), Duration.ofMinutes(1));
    }

    /** Starts one component again and waits until it is ready. */
    public void start(String component) {
        run("start-" + component, List.of("start", component), Duration.ofMinutes(5));
    }

    public Optional<Long> pid(String component) {
        Path file = root.resolve(".platform").resolve("pids").resolve(component + ".pid");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Memory (proportional set size) of each running component, its child processes included (PostgreSQL's server), in KiB. */
    public Map<String, Long> residentKib() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String name : concat(INFRA, SERVICES)) {
            pid(name).ifPresent(pid -> rss.put(name, treeRssKib(pid)));
        }
        return rss;
    }

    private long treeRssKib(long pid) {
        long total = rssKib(pid);
        if (ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("").contains("local-postgres")) {
            // PostgreSQL's server daemonizes: count the processes serving the stack's data directory
            total += serverProcessesKib(root.resolve(".platform").resolve("data").resolve("postgres").toString());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            for (ProcessHandle child : handle.get().descendants().toList()) {
                total += rssKib(child.pid());
            }
        }
        return total;
    }

    private static long serverProcessesKib(String dataDirectory) {
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info().commandLine().orElse("").contains(dataDirectory)
                        || handle.parent().flatMap(parent -> parent.info().commandLine()).orElse("").contains(dataDirectory))
                .filter(handle -> !handle.info().commandLine().orElse("").contains("local-postgres"))
                .mapToLong(handle -> rssKib(handle.pid()))
                .sum();
    }

    /**
     * Proportional set size: resident pages, shared ones divided among the processes sharing them. Summed over
     * PostgreSQL's processes (which share its buffer pool) it is what they really occupy; plain VmRSS would count the
     * shared buffers once per backend. Falls back to VmRSS where smaps_rollup is not readable.
     */
    private static long rssKib(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not readable here: resident set instead
        }
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process is gone
        }
        return 0;
    }

    private void run(String logName, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add("./platform");
        command.addAll(args);
        Path log = logDir.resolve(logName + ".log");
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; see " + log + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
