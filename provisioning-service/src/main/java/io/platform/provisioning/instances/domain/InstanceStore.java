package io.platform.provisioning.instances.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** provisioning-service's records of instances and of the namespaces they live in. */
public interface InstanceStore {

    /** Runs work in one transaction that holds the namespace's lock, so admissions to one namespace never overlap. */
    <T> T inNamespace(String namespace, Supplier<T> work);

    Optional<InstanceNamespace> namespace(String name);

    void saveNamespace(InstanceNamespace namespace, Instant at);

    Optional<InstanceRecord> byRequest(String requestId);

    Optional<InstanceRecord> byDeletionRequest(String deletionRequestId);

    /** The live instance holding that name in the namespace. */
    Optional<InstanceRecord> live(String namespace, String instanceName);

    /** Every instance of the namespace, live or not, oldest first. */
    List<InstanceRecord> instancesIn(String namespace);

    /** Inserts or replaces by request id; {@code false} when another live instance holds the name. */
    boolean save(InstanceRecord record);

    List<InstanceRecord> waitingSince(Instant before);

    /** Records in a state with an outcome (DEPLOYED, FAILED, DELETED) whose outcome is not on the topic yet. */
    List<InstanceRecord> unannouncedSince(Instant before);

    /** Records a consumed event id; {@code false} when it was consumed before. */
    boolean consume(String eventId);

    boolean consumed(String eventId);
}
