package io.platform.provisioning.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesErrorsTest {

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 422})
    void refusalsFailTheStep(int code) {
        RuntimeException translated = KubernetesErrors.translate("quota", "writing ResourceQuota", error(code));

        assertThat(translated).isInstanceOfSatisfying(ClusterRefusedException.class, refused -> {
            assertThat(refused.step()).isEqualTo("quota");
            assertThat(refused.reason()).contains("HTTP " + code).contains("writing ResourceQuota").contains("because");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 409, 429, 500, 503, 504})
    void conflictsThrottlingServerErrorsAndTimeoutsAreRetried(int code) {
        assertThat(KubernetesErrors.translate("namespace", "writing Namespace", error(code)))
                .isInstanceOf(ClusterUnavailableException.class);
    }

    private static KubernetesClientException error(int code) {
        return new KubernetesClientException("failure", code,
                new StatusBuilder().withCode(code).withMessage("because").build());
    }
}
