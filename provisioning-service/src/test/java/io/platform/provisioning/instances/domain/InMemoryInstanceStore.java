package io.platform.provisioning.instances.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The store as plain maps, for unit tests of the deployer. */
class InMemoryInstanceStore implements InstanceStore {

    final Map<String, InstanceRecord> records = new LinkedHashMap<>();
    final Map<String, InstanceNamespace> namespaces = new LinkedHashMap<>();
    final Set<String> consumed = new HashSet<>();

    @Override
    public synchronized <T> T inNamespace(String namespace, Supplier<T> work) {
        return work.get();
    }

    @Override
    public Optional<InstanceNamespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public void saveNamespace(InstanceNamespace namespace, Instant at) {
        namespaces.put(namespace.name(), namespace);
    }

    @Override
    public Optional<InstanceRecord> byRequest(String requestId) {
        return Optional.ofNullable(records.get(requestId));
    }

    @Override
    public Optional<InstanceRecord> byDeletionRequest(String deletionRequestId) {
        return records.values().stream().filter(r -> deletionRequestId.equals(r.deletionRequestId())).findFirst();
    }

    @Override
    public Optional<InstanceRecord> live(String namespace, String instanceName) {
        return records.values().stream().filter(r -> r.namespace().equals(namespace) && r.instanceName().equals(instanceName)
                && r.state().isLive()).findFirst();
    }

    @Override
    public List<InstanceRecord> instancesIn(String namespace) {
        return records.values().stream().filter(r -> r.namespace().equals(namespace))
                .sorted(Comparator.comparing(InstanceRecord::createdAt)).toList();
    }

    @Override
    public boolean save(InstanceRecord record) {
        if (record.state().isLive()) {
            Optional<InstanceRecord> holder = live(record.namespace(), record.instanceName());
            if (holder.isPresent() && !holder.get().requestId().equals(record.requestId())) {
                return false;
            }
        }
        records.put(record.requestId(), record);
        return true;
    }

    @Override
    public List<InstanceRecord> waitingSince(Instant before) {
        return new ArrayList<>(records.values().stream().filter(r -> r.state() == InstanceState.WAITING
                && r.updatedAt().isBefore(before)).toList());
    }

    @Override
    public List<InstanceRecord> unannouncedSince(Instant before) {
        return new ArrayList<>(records.values().stream().filter(r -> !r.announced() && r.updatedAt().isBefore(before)
                && (r.state() == InstanceState.DEPLOYED || r.state() == InstanceState.FAILED || r.state() == InstanceState.DELETED))
                .toList());
    }

    @Override
    public boolean consume(String eventId) {
        return consumed.add(eventId);
    }

    @Override
    public boolean consumed(String eventId) {
        return consumed.contains(eventId);
    }
}
