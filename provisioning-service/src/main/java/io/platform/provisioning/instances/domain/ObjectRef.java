package io.platform.provisioning.instances.domain;

import io.platform.templates.RenderedObject;

/** One object an instance owns in its namespace. */
public record ObjectRef(String apiVersion, String kind, String name) {

    public static ObjectRef of(RenderedObject object) {
        return new ObjectRef(object.apiVersion(), object.kind(), object.name());
    }

    /** {@code Kind/name}, as events list objects. */
    public String ref() {
        return kind + "/" + name;
    }
}
