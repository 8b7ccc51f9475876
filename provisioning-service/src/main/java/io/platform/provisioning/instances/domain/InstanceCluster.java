package io.platform.provisioning.instances.domain;

import io.platform.templates.RenderedObject;

import java.util.List;
import java.util.Map;

/** The objects of instances in the cluster. */
public interface InstanceCluster {

    /**
     * Writes the objects create-or-update, each labelled with the instance, in the given order. A Secret listing keys
     * to generate is created with fresh random values only when it does not exist (an existing one keeps its values).
     *
     * @throws InstanceClusterException when an object exists that belongs to something else, or the API refuses
     */
    void apply(String namespace, InstanceLabels labels, List<RenderedObject> objects);

    /** Deletes the objects that carry this instance's label (never anything else); missing ones are fine. */
    void remove(String namespace, String instanceName, List<ObjectRef> objects);

    /** Labels and annotations every object of an instance carries. */
    record InstanceLabels(String instanceName, String template, String version, String requestId) {

        public static final String INSTANCE = "platform.io/instance";
        public static final String TEMPLATE = "platform.io/template";
        public static final String TEMPLATE_VERSION = "platform.io/template-version";
        public static final String MANAGED = "platform.io/managed";
        public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
        public static final String REQUEST_ID = "platform.io/request-id";

        public Map<String, String> labels() {
            return Map.of(MANAGED, "true", MANAGED_BY, "namespace-platform", INSTANCE, instanceName, TEMPLATE, template,
                    TEMPLATE_VERSION, version);
        }
    }
}
