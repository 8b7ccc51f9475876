package io.platform.provisioning.instances.domain;

/** Announces what became of instances on the service-instances topic; returns once the broker acknowledged. */
public interface InstanceOutcomes {

    void deployed(InstanceRecord instance);

    void failed(InstanceRecord instance, String requestId);

    void deleted(InstanceRecord instance, String requestId, String step);
}
