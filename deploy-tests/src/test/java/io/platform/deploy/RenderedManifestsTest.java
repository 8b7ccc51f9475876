package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderedManifestsTest {

    /** API groups of the operators the platform relies on; everything else must be a kind fabric8 knows. */
    private static final Set<String> CUSTOM_RESOURCE_GROUPS = Set.of("kafka.strimzi.io", "postgresql.cnpg.io",
            "monitoring.coreos.com");
    private static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

    static Stream<String> kustomizations() {
        return Stream.concat(DeployLayout.COMPONENTS.stream(), DeployLayout.OVERLAYS.stream());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersWithKubectlAndEveryObjectParsesIntoATypedFabric8Object(String kustomization) {
        // Given the kustomization rendered by kubectl's kustomize
        List<HasMetadata> objects = Rendered.objects(kustomization);

        // Then there is something, every built-in kind is a typed object without unknown fields, and only the
        // operators' custom resources are generic
        assertThat(objects).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (HasMetadata object : objects) {
            String id = object.getKind() + "/" + object.getMetadata().getName();
            assertThat(ids.add(object.getApiVersion() + " " + id)).as("%s is defined once", id).isTrue();
            String group = object.getApiVersion().contains("/") ? object.getApiVersion().split("/")[0] : "";
            if (object instanceof GenericKubernetesResource) {
                if (!CUSTOM_RESOURCE_GROUPS.contains(group)) {
                    problems.add(id + " (" + object.getApiVersion() + ") is not a kind fabric8 knows: typo in apiVersion or kind?");
                }
            } else {
                Manifests.unknownFields(object).forEach(field -> problems.add(id + " has an unknown field " + field));
            }
            if (CLUSTER_SCOPED_KINDS.contains(object.getKind())) {
                assertThat(object.getMetadata().getNamespace()).as("%s is cluster-scoped", id).isNull();
            } else {
                assertThat(object.getMetadata().getNamespace()).as("namespace of %s", id).isEqualTo(DeployLayout.NAMESPACE);
            }
            assertThat(object.getMetadata().getLabels()).as("labels of %s", id)
                    .containsEntry("app.kubernetes.io/part-of", "namespace-platform");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void overlaysContainEveryComponent() {
        List<HasMetadata> components = DeployLayout.COMPONENTS.stream().flatMap(c -> Rendered.objects(c).stream()).toList();
        for (String overlay : DeployLayout.OVERLAYS) {
            Set<String> rendered = new HashSet<>();
            Rendered.objects(overlay).forEach(o -> rendered.add(o.getKind() + "/" + o.getMetadata().getName()));
            components.forEach(o -> assertThat(rendered).as(overlay).contains(o.getKind() + "/" + o.getMetadata().getName()));
        }
    }

    @Test
    void manifestFilesAreNumberedInApplyOrderAndTheExampleSecretsAreInNoKustomization() throws IOException {
        Path deploy = DeployLayout.deployDir();
        for (String component : DeployLayout.COMPONENTS) {
            try (Stream<Path> files = Files.list(deploy.resolve(component))) {
                files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                        .forEach(f -> assertThat(f.getFileName().toString()).as("file in %s", component).matches("\\d\\d-[a-z0-9-]+\\.yaml"));
            }
        }
        try (Stream<Path> kustomizations = Files.walk(deploy)) {
            kustomizations.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).forEach(f -> {
                try {
                    assertThat(Files.readString(f)).as("%s", deploy.relativize(f)).doesNotContain("examples").doesNotContain("secrets.example");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(Files.readString(deploy.resolve("examples/secrets.example.yaml"))).startsWith("# EXAMPLE ONLY");
    }
}
