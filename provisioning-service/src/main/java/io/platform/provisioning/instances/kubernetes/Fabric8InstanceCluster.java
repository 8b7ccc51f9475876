package io.platform.provisioning.instances.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.platform.provisioning.instances.domain.InstanceCluster;
import io.platform.provisioning.instances.domain.InstanceClusterException;
import io.platform.provisioning.instances.domain.ObjectRef;
import io.platform.templates.RenderedObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Instance objects through fabric8, correct on a real API server and on the CRUD stand-in alike: create-or-update
 * ({@code createOr(NonDeletingOperation::update)}, no server-side apply), Secrets with generated keys created only
 * when absent, deletes only of objects that carry the instance's label.
 */
@Component
public class Fabric8InstanceCluster implements InstanceCluster {

    private static final Logger log = LoggerFactory.getLogger(Fabric8InstanceCluster.class);
    /** Refusals retrying cannot fix; everything else (409, 429, 5xx, no answer) is transient. */
    private static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 405, 415, 422);
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int SECRET_LENGTH = 32;

    private final KubernetesClient client;
    private final SecureRandom random = new SecureRandom();

    public Fabric8InstanceCluster(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void apply(String namespace, InstanceLabels labels, List<RenderedObject> objects) {
        for (RenderedObject object : objects) {
            HasMetadata resource = typed(labelled(object, labels), namespace);
            String what = object.ref() + " in namespace " + namespace;
            HasMetadata existing = call("reading " + what, () -> client.resource(resource).inNamespace(namespace).get());
            if (existing != null && !labels.instanceName().equals(instanceOf(existing))) {
                throw new InstanceClusterException(true, what + " exists and is not part of instance '" + labels.instanceName()
                        + "'; it is never taken over", null);
            }
            if (object.isSecret()) {
                if (existing == null) {
                    Secret secret = (Secret) resource;
                    Map<String, String> data = new LinkedHashMap<>();
                    object.generatedKeys().forEach(key -> data.put(key, generate()));
                    secret.setData(data);
                    call("creating " + what, () -> client.resource(secret).inNamespace(namespace).create());
                }
                // an existing Secret keeps its values: a redeploy must not rotate a database's password under it
                continue;
            }
            call("writing " + what, () -> client.resource(resource).inNamespace(namespace).createOr(NonDeletingOperation::update));
        }
    }

    @Override
    public void remove(String namespace, String instanceName, List<ObjectRef> objects) {
        List<ObjectRef> reversed = new ArrayList<>(objects);
        java.util.Collections.reverse(reversed);
        for (ObjectRef ref : reversed) {
            HasMetadata probe = typed(Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                    "metadata", Map.of("name", ref.name())), namespace);
            String what = ref.ref() + " in namespace " + namespace;
            HasMetadata existing = call("reading " + what, () -> client.resource(probe).inNamespace(namespace).get());
            if (existing == null) {
                continue;
            }
            if (!instanceName.equals(instanceOf(existing))) {
                log.warn("not deleting {}: it is not part of instance {}", what, instanceName);
                continue;
            }
            call("deleting " + what, () -> client.resource(existing).inNamespace(namespace).delete());
        }
    }

    /** The rendered object with the instance's labels on it and on its pod template, and the request annotation. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> labelled(RenderedObject object, InstanceLabels labels) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(object.content());
        Map<String, Object> metadata = child(copy, "metadata");
        child(metadata, "labels").putAll(labels.labels());
        child(metadata, "annotations").put(InstanceLabels.REQUEST_ID, labels.requestId());
        Map<String, Object> spec = copy.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
        if (spec != null) {
            podTemplateLabels(spec.get("template"), labels);
            if (spec.get("jobTemplate") instanceof Map<?, ?> jobTemplate
                    && jobTemplate.get("spec") instanceof Map<?, ?> jobSpec) {
                podTemplateLabels(jobSpec.get("template"), labels);
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void podTemplateLabels(Object template, InstanceLabels labels) {
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> podMetadata = child((Map<String, Object>) map, "metadata");
            Map<String, Object> podLabels = child(podMetadata, "labels");
            podLabels.put(InstanceLabels.INSTANCE, labels.instanceName());
            podLabels.put(InstanceLabels.TEMPLATE, labels.template());
            podLabels.put(InstanceLabels.TEMPLATE_VERSION, labels.version());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return value;
    }

    private HasMetadata typed(Map<String, Object> content, String namespace) {
        HasMetadata resource = client.getKubernetesSerialization().convertValue(content, HasMetadata.class);
        resource.getMetadata().setNamespace(namespace);
        return resource;
    }

    private static String instanceOf(HasMetadata existing) {
        Map<String, String> labels = existing.getMetadata().getLabels();
        return labels == null ? null : labels.get(InstanceLabels.INSTANCE);
    }

    private String generate() {
        char[] value = new char[SECRET_LENGTH];
        for (int i = 0; i < value.length; i++) {
            value[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Base64.getEncoder().encodeToString(new String(value).getBytes(StandardCharsets.US_ASCII));
    }

    private static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            boolean permanent = PERMANENT.contains(e.getCode());
            throw new InstanceClusterException(permanent, what + (permanent ? " was refused" : " failed transiently") + ": "
                    + (e.getCode() == 0 ? "no answer" : "HTTP " + e.getCode()) + (detail == null ? "" : " " + detail), e);
        }
    }
}
