package io.platform.templates;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What rendered objects ask of the namespace's ResourceQuota, computed the way the API server would charge it:
 * a pod's effective request is the larger of its largest init container and the sum of its containers; a container
 * without a request gets its limit (or the tier's LimitRange default request), one without a limit the default limit;
 * workloads count once per replica (a Job per parallel pod, a CronJob as one running Job); a StatefulSet's volume
 * claim templates once per replica.
 */
public final class UsageCalculator {

    private UsageCalculator() {
    }

    public static ResourceUsage usage(List<RenderedObject> objects, TierQuota defaults) {
        ResourceUsage total = ResourceUsage.NONE;
        for (RenderedObject object : objects) {
            total = total.plus(usage(object, defaults));
        }
        return total;
    }

    private static ResourceUsage usage(RenderedObject object, TierQuota defaults) {
        Map<String, Object> spec = map(object.content().get("spec"));
        return switch (object.kind()) {
            case "Deployment" -> pod(map(spec.get("template")), defaults).times(replicas(spec));
            case "StatefulSet" -> pod(map(spec.get("template")), defaults).plus(claimTemplates(spec)).times(replicas(spec));
            case "Job" -> pod(map(spec.get("template")), defaults).times(parallelism(spec));
            case "CronJob" -> {
                Map<String, Object> jobSpec = map(map(spec.get("jobTemplate")).get("spec"));
                yield pod(map(jobSpec.get("template")), defaults).times(parallelism(jobSpec));
            }
            case "Service" -> new ResourceUsage(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, 0, 1, 0);
            case "PersistentVolumeClaim" -> claim(spec);
            default -> ResourceUsage.NONE;
        };
    }

    private static ResourceUsage pod(Map<String, Object> template, TierQuota defaults) {
        Map<String, Object> podSpec = map(template.get("spec"));
        ResourceUsage containers = ResourceUsage.NONE;
        for (Object container : list(podSpec.get("containers"))) {
            containers = containers.plus(container(map(container), defaults));
        }
        ResourceUsage init = ResourceUsage.NONE;
        for (Object container : list(podSpec.get("initContainers"))) {
            ResourceUsage one = container(map(container), defaults);
            init = new ResourceUsage(init.requestsCpu().max(one.requestsCpu()), init.limitsCpu().max(one.limitsCpu()),
                    init.requestsMemory().max(one.requestsMemory()), init.limitsMemory().max(one.limitsMemory()),
                    BigDecimal.ZERO, 0, 0, 0);
        }
        return new ResourceUsage(containers.requestsCpu().max(init.requestsCpu()), containers.limitsCpu().max(init.limitsCpu()),
                containers.requestsMemory().max(init.requestsMemory()), containers.limitsMemory().max(init.limitsMemory()),
                BigDecimal.ZERO, 1, 0, 0);
    }

    private static ResourceUsage container(Map<String, Object> container, TierQuota defaults) {
        Map<String, Object> resources = map(container.get("resources"));
        Map<String, Object> requests = map(resources.get("requests"));
        Map<String, Object> limits = map(resources.get("limits"));
        BigDecimal cpuLimit = quantity(limits.get("cpu"), null);
        BigDecimal memoryLimit = quantity(limits.get("memory"), null);
        BigDecimal cpuRequest = quantity(requests.get("cpu"), cpuLimit != null ? cpuLimit : defaults.defaultCpuRequest());
        BigDecimal memoryRequest = quantity(requests.get("memory"), memoryLimit != null ? memoryLimit : defaults.defaultMemoryRequest());
        return new ResourceUsage(cpuRequest, cpuLimit != null ? cpuLimit : defaults.defaultCpuLimit().max(cpuRequest),
                memoryRequest, memoryLimit != null ? memoryLimit : defaults.defaultMemoryLimit().max(memoryRequest),
                BigDecimal.ZERO, 0, 0, 0);
    }

    private static ResourceUsage claimTemplates(Map<String, Object> spec) {
        ResourceUsage total = ResourceUsage.NONE;
        for (Object claim : list(spec.get("volumeClaimTemplates"))) {
            total = total.plus(claim(map(map(claim).get("spec"))));
        }
        return total;
    }

    private static ResourceUsage claim(Map<String, Object> spec) {
        BigDecimal storage = quantity(map(map(spec.get("resources")).get("requests")).get("storage"), BigDecimal.ZERO);
        return new ResourceUsage(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, storage, 0, 0, 1);
    }

    private static int replicas(Map<String, Object> spec) {
        return spec.get("replicas") instanceof Number n ? Math.max(0, n.intValue()) : 1;
    }

    private static int parallelism(Map<String, Object> spec) {
        return spec.get("parallelism") instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }

    private static BigDecimal quantity(Object value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Quantities.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new TemplateProblem(TemplateProblem.RENDER, List.of(new io.platform.rules.Violation("manifests",
                    "quantity", e.getMessage())));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
