package io.platform.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where deploy/ is: the {@code deploy.dir} system property (set by the module's pom), else {@code ../deploy}. */
public final class DeployLayout {

    /** The kustomizations that make up an installation, in apply order, and the two overlays that combine them. */
    public static final List<String> COMPONENTS = List.of("namespace", "database", "kafka", "registry", "base", "observability");
    public static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");
    public static final List<String> SERVICES = List.of("gateway-service", "catalog-service", "provisioning-service",
            "rbac-service", "analytics-service", "audit-service");
    /** The services that talk to the Kubernetes API (and so get a ClusterRole and a mounted token). */
    public static final List<String> KUBERNETES_CLIENTS = List.of("provisioning-service", "rbac-service");
    public static final String NAMESPACE = "platform-system";

    private DeployLayout() {
    }

    public static Path deployDir() {
        String configured = System.getProperty("deploy.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "deploy");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("deploy directory not found at " + dir + " (set -Ddeploy.dir)");
        }
        return dir;
    }

    public static Path resolve(String relative) {
        return deployDir().resolve(relative);
    }
}
