package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.deploy.RbacCoverage;
import io.platform.e2e.harness.StackControl;
import io.platform.test.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after the flows: every Kubernetes API request the services made during this run (the stand-in logs each with
 * the calling service's identity) must be granted by that service's least-privilege ClusterRole in deploy/. A service
 * that starts using a resource its role does not grant fails here, before it fails on a real cluster.
 */
@ExtendWith(LocalStackExtension.class)
@Order(100)
class KubernetesAccessE2EIT {

    @Test
    void everyKubernetesCallOfTheRunIsGrantedByTheServicesClusterRole() throws Exception {
        Path root = ProjectLayout.root();
        Path log = new StackControl(root, ProjectLayout.scratch("e2e")).kubernetesRequestLog();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the run made Kubernetes calls").anyMatch(line -> line.contains("\tprovisioning-service\t"));
        assertThat(lines).anyMatch(line -> line.contains("\trbac-service\t"));

        List<RbacCoverage.Violation> violations = RbacCoverage.check(lines, root.resolve("deploy"),
                List.of("provisioning-service", "rbac-service"), "platform-system");

        assertThat(violations).as("Kubernetes calls outside the services' ClusterRoles").isEmpty();
    }
}
