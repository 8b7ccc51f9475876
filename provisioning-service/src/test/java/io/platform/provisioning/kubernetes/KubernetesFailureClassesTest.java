package io.platform.provisioning.kubernetes;

import static io.platform.provisioning.domain.TestCatalog.SMALL;
import static io.platform.provisioning.domain.TestCatalog.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.test.kubernetes.FaultInjectingDispatcher;
import io.platform.test.kubernetes.MockKubernetes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure class of a real API server, produced over HTTP by the fault-injecting dispatcher in front of the CRUD
 * mock, as the adapter sorts it: transient (retried) or refused (the step fails).
 */
class KubernetesFailureClassesTest {

    private static MockKubernetes kubernetes;
    private static Fabric8Cluster cluster;

    @BeforeAll
    static void start() {
        kubernetes = MockKubernetes.start();
        cluster = new Fabric8Cluster(kubernetes.client(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        kubernetes.close();
    }

    @AfterEach
    void clearFaults() {
        kubernetes.faults().clear();
    }

    @ParameterizedTest(name = "HTTP {0} is transient")
    @ValueSource(ints = {409, 429, 500, 503})
    void conflictThrottlingAndServerErrorsAreTransient(int status) {
        DesiredObjects desired = desired("transient-" + status);
        cluster.applyNamespace(desired);
        kubernetes.faults().fail("PUT", "/resourcequotas/platform-quota", status, 1);

        assertThatThrownBy(() -> cluster.applyNamespace(desired))
                .isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void aTimeoutIsTransient() {
        // a server of its own: the mock holds its dispatcher thread while it delays an answer
        try (MockKubernetes slow = MockKubernetes.start()) {
            Fabric8Cluster impatient = new Fabric8Cluster(slow.client(Duration.ofSeconds(1)));
            impatient.findNamespace("warm-up");
            impatient.applyNamespace(desired("slow"));
            slow.faults().delay("GET", "/api/v1/namespaces/slow$", Duration.ofSeconds(3), 1);

            assertThatThrownBy(() -> impatient.findNamespace("slow"))
                    .isInstanceOf(ClusterUnavailableException.class)
                    .hasMessageContaining("no answer");
        }
    }

    @ParameterizedTest(name = "HTTP {0} is a refusal")
    @ValueSource(ints = {403, 422})
    void forbiddenAndInvalidAreRefusalsNamingTheStep(int status) {
        kubernetes.faults().fail("POST", "/limitranges", status, 1);

        assertThatThrownBy(() -> cluster.applyNamespace(desired("refused-" + status)))
                .isInstanceOfSatisfying(ClusterRefusedException.class, refused -> {
                    assertThat(refused.step()).isEqualTo("quota");
                    assertThat(refused.reason()).contains("LimitRange", "HTTP " + status, "injected fault");
                });
    }

    @Test
    void theSameStepSucceedsOnceTheFaultIsOver() {
        FaultInjectingDispatcher.Fault fault = kubernetes.faults().fail("POST", "/resourcequotas", 503, 1);
        DesiredObjects desired = desired("recovers");
        assertThatThrownBy(() -> cluster.applyNamespace(desired)).isInstanceOf(ClusterUnavailableException.class);

        cluster.applyNamespace(desired);

        assertThat(fault.hits()).isEqualTo(1);
        assertThat(kubernetes.client().resourceQuotas().inNamespace("recovers").list().getItems()).hasSize(1);
        assertThat(kubernetes.client().namespaces().withName("recovers").get()).isNotNull();
    }

    private static DesiredObjects desired(String name) {
        return DesiredObjects.of(spec(name, "development", "small", "isolated"), SMALL, List.of(), PolicySettings.defaults(),
                "req-" + name, "team-payments");
    }
}
