package io.platform.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the kustomize built into kubectl ({@code kubectl kustomize DIR}), the way
 * {@code kubectl apply -k} would. kubectl is taken from the {@code KUBECTL} environment variable or the
 * {@code kubectl} system property, else from the PATH.
 */
public final class Kustomize {

    private Kustomize() {
    }

    public static String kubectl() {
        String configured = System.getProperty("kubectl", System.getenv("KUBECTL"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("kubectl not found on the PATH: the deployment tests render the overlays with "
                + "`kubectl kustomize`. Install it (Debian: apt-get install kubernetes-client) or set KUBECTL=/path/to/kubectl.");
    }

    /** The rendered YAML documents of the kustomization in {@code dir}. */
    public static List<String> render(Path dir) {
        List<String> command = List.of(kubectl(), "kustomize", dir.toString());
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "): " + Files.readString(stderr));
                }
                return Manifests.documents(out);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Renders and parses every object of the kustomization in {@code dir}. */
    public static List<io.fabric8.kubernetes.api.model.HasMetadata> objects(Path dir) {
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new ArrayList<>();
        for (String document : render(dir)) {
            objects.add(Manifests.parse(document));
        }
        return objects;
    }
}
