package io.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.platform.deploy.kafka.KafkaUsers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every overlay must give every service: hardened, probed, sized pods, configured without literal secrets. */
class ServiceDeploymentsTest {

    private static final Pattern SECRET_LOOKING = Pattern.compile("(?i).*(PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL|PRIVATE).*");

    static Stream<Arguments> overlayAndService() {
        return DeployLayout.OVERLAYS.stream().flatMap(overlay -> DeployLayout.SERVICES.stream().map(s -> Arguments.of(overlay, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void podIsHardenedAndRunsAsNonRootWithAReadOnlyRootFilesystem(String overlay, String service) {
        PodSpec pod = deployment(overlay, service).getSpec().getTemplate().getSpec();
        Container container = onlyContainer(pod);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        // the JVM writes to /tmp: an emptyDir, since the root filesystem is read-only
        assertThat(mountedEmptyDir(pod, container, "/tmp")).isTrue();
        if (service.equals("analytics-service")) {
            assertThat(mountedEmptyDir(pod, container, "/var/lib/kafka-streams")).as("Kafka Streams state dir").isTrue();
            assertThat(configValue(overlay, service, "ANALYTICS_STREAMS_STATE_DIR")).contains("/var/lib/kafka-streams");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void onlyProvisioningAndRbacServiceGetAKubernetesTokenAndEachServiceItsOwnServiceAccount(String overlay, String service) {
        PodSpec pod = deployment(overlay, service).getSpec().getTemplate().getSpec();
        boolean usesKubernetes = DeployLayout.KUBERNETES_CLIENTS.contains(service);

        assertThat(pod.getServiceAccountName()).isEqualTo(service);
        assertThat(pod.getAutomountServiceAccountToken()).isEqualTo(usesKubernetes);
        ServiceAccount account = Rendered.find(overlay, ServiceAccount.class, service).orElseThrow();
        assertThat(account.getAutomountServiceAccountToken()).isEqualTo(usesKubernetes);
        if (usesKubernetes) {
            assertThat(onlyContainer(pod).getEnv()).extracting(EnvVar::getName).contains("POD_NAME", "POD_NAMESPACE");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void probesUseTheActuatorHealthGroupsAndResourcesAreSizedForTheJvm(String overlay, String service) {
        Container container = onlyContainer(deployment(overlay, service).getSpec().getTemplate().getSpec());

        assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
        assertThat(path(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
        // a JVM starting on a small CPU share gets minutes, not seconds, before liveness counts
        assertThat(container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds())
                .isGreaterThanOrEqualTo(120);

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKey("memory");
        // memory limit = request: the JVM's heap is a share of it and the pod is never OOM-killed for borrowing
        assertThat(limits.get("memory")).isEqualTo(requests.get("memory"));
        assertThat(Quantity.getAmountInBytes(requests.get("memory")).longValue()).isBetween(512L << 20, 2L << 30);
        String javaOptions = env(container, "JAVA_TOOL_OPTIONS").getValue();
        assertThat(javaOptions).containsPattern("-XX:MaxRAMPercentage=\\d+").contains("-XX:+ExitOnOutOfMemoryError");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void imagesArePinnedReleasesNeverLatest(String overlay, String service) {
        String image = onlyContainer(deployment(overlay, service).getSpec().getTemplate().getSpec()).getImage();
        assertThat(image).isEqualTo("ghcr.io/namespace-platform/" + service + ":0.1.0");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void secretsComeFromSecretsAndConfigMapsHoldNone(String overlay, String service) {
        Container container = onlyContainer(deployment(overlay, service).getSpec().getTemplate().getSpec());
        Set<String> kafkaUsers = KafkaUsers.load(DeployLayout.resolve("kafka/20-users.yaml")).users();

        for (EnvVar var : container.getEnv()) {
            if (SECRET_LOOKING.matcher(var.getName()).matches()) {
                assertThat(var.getValue()).as("%s is literal", var.getName()).isNull();
                assertThat(var.getValueFrom().getSecretKeyRef()).as("%s comes from a Secret", var.getName()).isNotNull();
            }
        }
        // the service's Kafka credentials are its own KafkaUser's Secret
        assertThat(env(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(service).isIn(kafkaUsers);
        assertThat(env(container, "SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .startsWith("platform-db-");
        for (ConfigMap configMap : Rendered.ofType(overlay, ConfigMap.class)) {
            if (configMap.getMetadata().getName().endsWith("-dashboard")) {
                continue;
            }
            assertThat(configMap.getData().keySet()).as("keys of ConfigMap %s", configMap.getMetadata().getName())
                    .noneMatch(key -> SECRET_LOOKING.matcher(key).matches());
        }
        assertThat(Rendered.objects(overlay)).as("no Secret is shipped in an overlay").noneMatch(o -> o.getKind().equals("Secret"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void everyServiceHasAServiceAPodDisruptionBudgetAndItsConfigMaps(String overlay, String service) {
        Deployment deployment = deployment(overlay, service);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        Service svc = Rendered.find(overlay, Service.class, service).orElseThrow();
        assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
        assertThat(svc.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName()));
        PodDisruptionBudget pdb = Rendered.find(overlay, PodDisruptionBudget.class, service).orElseThrow();
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

        Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec());
        container.getEnvFrom().forEach(source -> assertThat(Rendered.find(overlay, ConfigMap.class,
                source.getConfigMapRef().getName())).as("ConfigMap %s", source.getConfigMapRef().getName()).isPresent());
        assertThat(configValue(overlay, service, "SPRING_DATASOURCE_URL")).hasValueSatisfying(url ->
                assertThat(url).startsWith("jdbc:postgresql://"));
        assertThat(configValue(overlay, service, "PLATFORM_KAFKA_CREATE_TOPICS")).contains("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "catalog-service", "provisioning-service", "rbac-service",
            "analytics-service", "audit-service"})
    void productionRunsAtLeastTwoReplicasSpreadOverZonesAndAutoscales(String service) {
        Deployment deployment = deployment("overlays/prod", service);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .anyMatch(c -> c.getTopologyKey().equals("topology.kubernetes.io/zone"));
        HorizontalPodAutoscaler hpa = Rendered.find("overlays/prod", HorizontalPodAutoscaler.class, service).orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
        assertThat(Rendered.ofType("overlays/dev", HorizontalPodAutoscaler.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void schemaRegistrationRunsAsAJobWithTheSchemaRegistrar(String overlay) {
        Job job = Rendered.find(overlay, Job.class, "schema-registration").orElseThrow();
        Container container = onlyContainer(job.getSpec().getTemplate().getSpec());
        assertThat(container.getCommand()).contains("io.platform.schemas.registry.SchemaRegistrar", "--url");
        assertThat(container.getImage()).doesNotEndWith(":latest").contains(":0.1.0");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void noContainerOfTheOverlayUsesALatestOrUntaggedImage(String overlay) {
        List<String> images = Rendered.objects(overlay).stream().flatMap(ServiceDeploymentsTest::containers)
                .map(Container::getImage).toList();
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).matches(".+:[A-Za-z0-9._-]+")
                .doesNotEndWith(":latest"));
    }

    private static Stream<Container> containers(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec().getContainers().stream();
        }
        if (object instanceof Job j) {
            return j.getSpec().getTemplate().getSpec().getContainers().stream();
        }
        return Stream.empty();
    }

    private static Deployment deployment(String overlay, String service) {
        return Rendered.find(overlay, Deployment.class, service)
                .orElseThrow(() -> new AssertionError("no Deployment " + service + " in " + overlay));
    }

    private static Container onlyContainer(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }

    private static boolean mountedEmptyDir(PodSpec pod, Container container, String path) {
        Optional<VolumeMount> mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst();
        return mount.isPresent() && pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mount.get().getName())).map(Volume::getEmptyDir).anyMatch(java.util.Objects::nonNull);
    }

    private static Optional<String> configValue(String overlay, String service, String key) {
        Container container = onlyContainer(deployment(overlay, service).getSpec().getTemplate().getSpec());
        Optional<String> value = Optional.empty();
        for (var source : container.getEnvFrom()) {
            ConfigMap configMap = Rendered.find(overlay, ConfigMap.class, source.getConfigMapRef().getName()).orElseThrow();
            if (configMap.getData().containsKey(key)) {
                value = Optional.of(configMap.getData().get(key));
            }
        }
        return value;
    }
}
