package io.platform.provisioning.domain;

import static io.platform.provisioning.domain.TestCatalog.MONITORING;
import static io.platform.provisioning.domain.TestCatalog.SMALL;
import static io.platform.provisioning.domain.TestCatalog.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private final DesiredObjects desired = DesiredObjects.of(spec("payments-api", "production", "small", "team-shared",
            "monitoring"), SMALL, List.of(MONITORING), PolicySettings.defaults(), "req-1", "team-payments");

    private ObservedNamespace matching() {
        return new ObservedNamespace(true, false, desired.namespaceLabels(), desired.namespaceAnnotations(),
                Optional.of(desired.quota().hard()),
                Optional.of(new ObservedNamespace.ObservedLimits(true, desired.limits().containerDefaultLimits(),
                        desired.limits().containerDefaultRequests())),
                Optional.of(new ObservedNamespace.ObservedPolicy(Optional.of(desired.networkPolicy().get().allowedSources()))));
    }

    @Test
    void nothingDriftedWhenTheClusterMatchesTheRecord() {
        assertThat(DriftDetector.compare(desired, matching())).isEmpty();
    }

    @Test
    void labelsAndAnnotationsOthersSetAreNotDrift() {
        Map<String, String> labels = new HashMap<>(desired.namespaceLabels());
        labels.put("kubernetes.io/metadata.name", "payments-api");
        labels.put("team.example.com/owner", "alice");
        ObservedNamespace observed = new ObservedNamespace(true, false, labels, desired.namespaceAnnotations(),
                matching().quotaHard(), matching().limits(), matching().networkPolicy());

        assertThat(DriftDetector.compare(desired, observed)).isEmpty();
    }

    @Test
    void quantitiesCompareByAmount() {
        Map<String, String> hard = new HashMap<>(desired.quota().hard());
        hard.put("requests.cpu", "2000m");
        hard.put("limits.memory", "4096Mi");
        ObservedNamespace observed = new ObservedNamespace(true, false, desired.namespaceLabels(),
                desired.namespaceAnnotations(), Optional.of(hard), matching().limits(), matching().networkPolicy());

        assertThat(DriftDetector.compare(desired, observed)).isEmpty();
    }

    @Test
    void everyChangedOrDeletedObjectIsReported() {
        Map<String, String> labels = new HashMap<>(desired.namespaceLabels());
        labels.put("platform.io/tier", "large");
        labels.remove("pod-security.kubernetes.io/enforce");
        Map<String, String> hard = new HashMap<>(desired.quota().hard());
        hard.put("limits.cpu", "64");
        hard.put("requests.nvidia.com/gpu", "4");
        ObservedNamespace observed = new ObservedNamespace(true, false, labels, desired.namespaceAnnotations(),
                Optional.of(hard), Optional.empty(),
                Optional.of(new ObservedNamespace.ObservedPolicy(Optional.of(List.of(new IngressSource.SameNamespace())))));

        List<Drift> drifts = DriftDetector.compare(desired, observed);

        assertThat(drifts).extracting(Drift::kind).containsExactly("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy");
        assertThat(drifts.get(0).change()).contains("label platform.io/tier='large' (expected 'small')",
                "label pod-security.kubernetes.io/enforce missing (expected 'restricted')");
        assertThat(drifts.get(1).change()).contains("hard.limits.cpu=64 (expected 2)", "hard.requests.nvidia.com/gpu=4 added");
        assertThat(drifts.get(2).change()).isEqualTo("deleted");
        assertThat(drifts.get(3).change()).startsWith("modified: allowed sources");
    }

    @Test
    void aDeletedNamespaceIsReportedAndATerminatingOneWaits() {
        ObservedNamespace gone = new ObservedNamespace(false, false, Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
        ObservedNamespace terminating = new ObservedNamespace(true, true, Map.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThat(DriftDetector.compare(desired, gone)).extracting(d -> d.kind() + " " + d.change())
                .containsExactly("Namespace deleted", "ResourceQuota deleted", "LimitRange deleted", "NetworkPolicy deleted");
        assertThat(DriftDetector.compare(desired, terminating)).isEmpty();
    }

    @Test
    void aPolicyInAnOpenNamespaceIsDrift() {
        DesiredObjects open = DesiredObjects.of(spec("payments-api", "production", "small", "open"), SMALL, List.of(),
                PolicySettings.defaults(), "req-1", "team-payments");
        ObservedNamespace observed = new ObservedNamespace(true, false, open.namespaceLabels(), open.namespaceAnnotations(),
                Optional.of(open.quota().hard()), matching().limits(),
                Optional.of(new ObservedNamespace.ObservedPolicy(Optional.empty())));

        assertThat(DriftDetector.compare(open, observed)).singleElement()
                .satisfies(d -> assertThat(d.change()).contains("mode is open"));
    }
}
