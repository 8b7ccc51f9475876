package io.platform.provisioning.domain;

import io.platform.rules.Environment;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.NetworkPolicyMode;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a valid create request yields in Kubernetes, computed without talking to it. The kubernetes adapter turns
 * it into API objects in two steps:
 * <ol>
 *   <li>namespace step: the {@link #namespace()} with the platform's labels and annotations, the tier's
 *       {@link #quota()} and the container defaults in {@link #limits()};</li>
 *   <li>policies step: the Pod Security Admission labels ({@link #podSecurityLabels()}), the {@link #networkPolicy()}
 *       of the mode (none for {@code open}) and the features' labels and annotations.</li>
 * </ol>
 *
 * @param featureLabels      labels the requested features add; never one of the platform's own keys
 * @param featureAnnotations annotations the requested features add; never one of the platform's own keys
 */
public record DesiredObjects(
        DesiredNamespace namespace,
        DesiredQuota quota,
        DesiredLimits limits,
        PodSecurityLevel podSecurityLevel,
        Map<String, String> podSecurityLabels,
        Optional<DesiredNetworkPolicy> networkPolicy,
        List<String> features,
        Map<String, String> featureLabels,
        Map<String, String> featureAnnotations) {

    public DesiredObjects {
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(quota);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(podSecurityLevel);
        podSecurityLabels = Map.copyOf(podSecurityLabels);
        Objects.requireNonNull(networkPolicy);
        features = List.copyOf(features);
        featureLabels = Map.copyOf(featureLabels);
        featureAnnotations = Map.copyOf(featureAnnotations);
    }

    /**
     * @param spec        a request that passed validation (known environment, mode, tier and features)
     * @param tier        the catalog's definition of {@code spec.tier()}
     * @param features    the catalog's definitions of {@code spec.features()}, in request order
     * @param requestId   the request, written as an annotation so the platform recognises its own objects
     * @param requestedBy who asked (the envelope's actor)
     */
    public static DesiredObjects of(NamespaceSpecification spec, TierInfo tier, List<FeatureInfo> features,
                                    PolicySettings settings, String requestId, String requestedBy) {
        Environment environment = Environment.fromValue(spec.environment())
                .orElseThrow(() -> new IllegalArgumentException("unknown environment " + spec.environment()));
        NetworkPolicyMode mode = NetworkPolicyMode.fromValue(spec.networkPolicy())
                .orElseThrow(() -> new IllegalArgumentException("unknown network policy mode " + spec.networkPolicy()));
        if (!tier.name().equals(spec.tier())) {
            throw new IllegalArgumentException("tier " + tier.name() + " is not the requested " + spec.tier());
        }

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.TEAM, spec.team());
        labels.put(Labels.ENVIRONMENT, environment.value());
        labels.put(Labels.TIER, tier.name());
        labels.put(Labels.MANAGED_BY, Labels.PLATFORM);
        labels.put(Labels.PART_OF, Labels.PLATFORM);

        Map<String, String> annotations = new LinkedHashMap<>();
        if (spec.description() != null) {
            annotations.put(Labels.DESCRIPTION, spec.description());
        }
        if (spec.costCenter() != null) {
            annotations.put(Labels.COST_CENTER, spec.costCenter());
        }
        annotations.put(Labels.REQUESTED_BY, requestedBy);
        annotations.put(Labels.REQUEST_ID, requestId);

        PodSecurityLevel level = settings.podSecurityFor(environment);
        Map<String, String> podSecurity = new LinkedHashMap<>();
        podSecurity.put(Labels.POD_SECURITY_ENFORCE, level.value());
        podSecurity.put(Labels.POD_SECURITY_AUDIT, level.value());
        podSecurity.put(Labels.POD_SECURITY_WARN, level.value());

        Map<String, String> featureLabels = new LinkedHashMap<>();
        Map<String, String> featureAnnotations = new LinkedHashMap<>();
        for (FeatureInfo feature : features) {
            feature.labels().forEach((key, value) -> {
                if (!Labels.PLATFORM_LABELS.contains(key) && !key.startsWith(Labels.POD_SECURITY_PREFIX)) {
                    featureLabels.put(key, value);
                }
            });
            feature.annotations().forEach((key, value) -> {
                if (!Labels.PLATFORM_ANNOTATIONS.contains(key)) {
                    featureAnnotations.put(key, value);
                }
            });
        }

        return new DesiredObjects(
                new DesiredNamespace(spec.name(), labels, annotations),
                quotaOf(tier),
                limitsOf(tier),
                level,
                podSecurity,
                networkPolicyOf(mode, spec.team(), settings),
                features.stream().map(FeatureInfo::name).toList(),
                featureLabels,
                featureAnnotations);
    }

    static DesiredQuota quotaOf(TierInfo tier) {
        Map<String, String> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", tier.cpu());
        hard.put("limits.cpu", tier.cpu());
        hard.put("requests.memory", tier.memory());
        hard.put("limits.memory", tier.memory());
        hard.put("requests.storage", tier.storage());
        hard.put("pods", Integer.toString(tier.pods()));
        hard.put("services", Integer.toString(tier.services()));
        hard.put("persistentvolumeclaims", Integer.toString(tier.persistentVolumeClaims()));
        return new DesiredQuota(DesiredQuota.NAME, hard);
    }

    static DesiredLimits limitsOf(TierInfo tier) {
        return new DesiredLimits(DesiredLimits.NAME,
                Map.of("cpu", tier.defaultCpuLimit(), "memory", tier.defaultMemoryLimit()),
                Map.of("cpu", tier.defaultCpuRequest(), "memory", tier.defaultMemoryRequest()));
    }

    static Optional<DesiredNetworkPolicy> networkPolicyOf(NetworkPolicyMode mode, String team, PolicySettings settings) {
        List<IngressSource> sources = new ArrayList<>();
        switch (mode) {
            case OPEN -> {
                return Optional.empty();
            }
            case ISOLATED -> {
                sources.add(new IngressSource.SameNamespace());
                sources.add(new IngressSource.NamespacesLabelled(settings.monitoringLabelKey(), settings.monitoringLabelValue()));
            }
            case TEAM_SHARED -> {
                sources.add(new IngressSource.SameNamespace());
                sources.add(new IngressSource.NamespacesLabelled(settings.monitoringLabelKey(), settings.monitoringLabelValue()));
                sources.add(new IngressSource.NamespacesLabelled(Labels.TEAM, team));
            }
        }
        return Optional.of(new DesiredNetworkPolicy(DesiredNetworkPolicy.NAME, sources));
    }

    public String name() {
        return namespace.name();
    }

    /** Objects of the namespace step, as {@code Kind/name}. */
    public List<String> namespaceStepObjects() {
        return List.of("Namespace/" + name(), "ResourceQuota/" + quota.name(), "LimitRange/" + limits.name());
    }

    /** Objects of the policies step, as {@code Kind/name}: the namespace's labels, and the NetworkPolicy if any. */
    public List<String> policyStepObjects() {
        List<String> objects = new ArrayList<>();
        objects.add("Namespace/" + name());
        networkPolicy.ifPresent(policy -> objects.add("NetworkPolicy/" + policy.name()));
        return List.copyOf(objects);
    }

    /** Every label the platform sets on the Namespace: its own, Pod Security Admission's and the features'. */
    public Map<String, String> namespaceLabels() {
        Map<String, String> labels = new LinkedHashMap<>(featureLabels);
        labels.putAll(podSecurityLabels);
        labels.putAll(namespace.labels());
        return labels;
    }

    /** Every annotation the platform sets on the Namespace: its own and the features'. */
    public Map<String, String> namespaceAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>(featureAnnotations);
        annotations.putAll(namespace.annotations());
        return annotations;
    }

    /** Every object the request writes, as {@code Kind/name}. */
    public List<String> allObjects() {
        List<String> objects = new ArrayList<>(namespaceStepObjects());
        networkPolicy.ifPresent(policy -> objects.add("NetworkPolicy/" + policy.name()));
        return List.copyOf(objects);
    }
}
