package io.platform.templates;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What objects ask of a namespace's ResourceQuota: the same dimensions the platform's quota sets
 * ({@code requests.cpu}, {@code limits.cpu}, {@code requests.memory}, {@code limits.memory}, {@code requests.storage},
 * {@code pods}, {@code services}, {@code persistentvolumeclaims}). CPU in cores, memory and storage in bytes.
 */
public record ResourceUsage(BigDecimal requestsCpu, BigDecimal limitsCpu, BigDecimal requestsMemory,
                            BigDecimal limitsMemory, BigDecimal requestsStorage, int pods, int services,
                            int persistentVolumeClaims) {

    public static final ResourceUsage NONE = new ResourceUsage(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0);

    public ResourceUsage plus(ResourceUsage other) {
        return new ResourceUsage(requestsCpu.add(other.requestsCpu), limitsCpu.add(other.limitsCpu),
                requestsMemory.add(other.requestsMemory), limitsMemory.add(other.limitsMemory),
                requestsStorage.add(other.requestsStorage), pods + other.pods, services + other.services,
                persistentVolumeClaims + other.persistentVolumeClaims);
    }

    public ResourceUsage times(int factor) {
        BigDecimal n = BigDecimal.valueOf(factor);
        return new ResourceUsage(requestsCpu.multiply(n), limitsCpu.multiply(n), requestsMemory.multiply(n),
                limitsMemory.multiply(n), requestsStorage.multiply(n), pods * factor, services * factor,
                persistentVolumeClaims * factor);
    }

    /**
     * At least what a template declares per instance (requests, and therefore limits): the declared figures are a
     * floor for what the manifests do not show, such as sidecars a mesh injects.
     */
    public ResourceUsage atLeast(BigDecimal cpu, BigDecimal memory, BigDecimal storage) {
        return new ResourceUsage(requestsCpu.max(cpu), limitsCpu.max(cpu), requestsMemory.max(memory),
                limitsMemory.max(memory), requestsStorage.max(storage), pods, services, persistentVolumeClaims);
    }

    /** Quota keys to Kubernetes quantities, e.g. {@code requests.cpu=500m}. */
    public Map<String, String> toQuantities() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("requests.cpu", Quantities.cpu(requestsCpu));
        map.put("limits.cpu", Quantities.cpu(limitsCpu));
        map.put("requests.memory", Quantities.bytes(requestsMemory));
        map.put("limits.memory", Quantities.bytes(limitsMemory));
        map.put("requests.storage", Quantities.bytes(requestsStorage));
        map.put("pods", Integer.toString(pods));
        map.put("services", Integer.toString(services));
        map.put("persistentvolumeclaims", Integer.toString(persistentVolumeClaims));
        return map;
    }

    public static ResourceUsage fromQuantities(Map<String, String> map) {
        return new ResourceUsage(quantity(map, "requests.cpu"), quantity(map, "limits.cpu"),
                quantity(map, "requests.memory"), quantity(map, "limits.memory"), quantity(map, "requests.storage"),
                count(map, "pods"), count(map, "services"), count(map, "persistentvolumeclaims"));
    }

    private static BigDecimal quantity(Map<String, String> map, String key) {
        String value = map.get(key);
        return value == null ? BigDecimal.ZERO : Quantities.parse(value);
    }

    private static int count(Map<String, String> map, String key) {
        String value = map.get(key);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
