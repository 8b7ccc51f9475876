package io.platform.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rendered kustomizations, rendered once per test JVM. */
final class Rendered {

    private static final Map<String, List<HasMetadata>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    static List<HasMetadata> objects(String kustomization) {
        return CACHE.computeIfAbsent(kustomization, dir -> Kustomize.objects(DeployLayout.resolve(dir)));
    }

    static <T extends HasMetadata> List<T> ofType(String kustomization, Class<T> type) {
        return objects(kustomization).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> Optional<T> find(String kustomization, Class<T> type, String name) {
        return ofType(kustomization, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }
}
