package io.platform.provisioning.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.platform.provisioning.domain.DesiredLimits;
import io.platform.provisioning.domain.DesiredNamespace;
import io.platform.provisioning.domain.DesiredNetworkPolicy;
import io.platform.provisioning.domain.DesiredQuota;
import io.platform.provisioning.domain.IngressSource;
import io.platform.provisioning.domain.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the desired-objects model into fabric8 API objects. */
final class KubernetesObjects {

    /** Labels every namespaced object the platform writes carries. */
    static final Map<String, String> MANAGED_LABELS = Map.of(Labels.MANAGED, "true", Labels.MANAGED_BY, Labels.PLATFORM);

    private KubernetesObjects() {
    }

    static Namespace namespace(DesiredNamespace desired) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(desired.name())
                .withLabels(new LinkedHashMap<>(desired.labels()))
                .withAnnotations(new LinkedHashMap<>(desired.annotations()))
                .endMetadata()
                .build();
    }

    /** A Namespace carrying only labels and annotations to add: the body of a JSON merge patch. */
    static Namespace namespaceMetadata(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels.isEmpty() ? null : new LinkedHashMap<>(labels))
                .withAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations))
                .endMetadata()
                .build();
    }

    static ResourceQuota quota(String namespace, DesiredQuota desired, String requestId) {
        return new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName(desired.name())
                .withNamespace(namespace)
                .withLabels(new LinkedHashMap<>(MANAGED_LABELS))
                .addToAnnotations(Labels.REQUEST_ID, requestId)
                .endMetadata()
                .withNewSpec()
                .withHard(quantities(desired.hard()))
                .endSpec()
                .build();
    }

    static LimitRange limits(String namespace, DesiredLimits desired, String requestId) {
        return new LimitRangeBuilder()
                .withNewMetadata()
                .withName(desired.name())
                .withNamespace(namespace)
                .withLabels(new LinkedHashMap<>(MANAGED_LABELS))
                .addToAnnotations(Labels.REQUEST_ID, requestId)
                .endMetadata()
                .withNewSpec()
                .withLimits(new LimitRangeItemBuilder()
                        .withType("Container")
                        .withDefault(quantities(desired.containerDefaultLimits()))
                        .withDefaultRequest(quantities(desired.containerDefaultRequests()))
                        .build())
                .endSpec()
                .build();
    }

    static NetworkPolicy networkPolicy(String namespace, DesiredNetworkPolicy desired, String requestId) {
        List<NetworkPolicyPeer> peers = desired.allowedSources().stream().map(KubernetesObjects::peer).toList();
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(desired.name())
                .withNamespace(namespace)
                .withLabels(new LinkedHashMap<>(MANAGED_LABELS))
                .addToAnnotations(Labels.REQUEST_ID, requestId)
                .endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(peers)
                .endIngress()
                .endSpec()
                .build();
    }

    private static NetworkPolicyPeer peer(IngressSource source) {
        if (source instanceof IngressSource.NamespacesLabelled labelled) {
            return new NetworkPolicyPeerBuilder()
                    .withNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels(labelled.key(), labelled.value()).build())
                    .build();
        }
        // same namespace: a pod selector without a namespace selector matches the policy's own namespace
        return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        values.forEach((key, value) -> quantities.put(key, new Quantity(value)));
        return quantities;
    }
}
