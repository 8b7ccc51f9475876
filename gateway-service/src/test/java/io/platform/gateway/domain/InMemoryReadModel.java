package io.platform.gateway.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read model in memory, with the same contract as the database one, and a unit of work that really rolls back:
 * {@link #inTransaction} snapshots the state and restores it when the work throws.
 */
public final class InMemoryReadModel implements ReadModel, UnitOfWork {

    private Set<String> events = new HashSet<>();
    private Map<String, NamespaceRequest> requests = new LinkedHashMap<>();
    private Map<String, Namespace> namespaces = new LinkedHashMap<>();
    /** Simulates another writer inserting first, this many times. */
    public int concurrentInsertsToSimulate;

    @Override
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        Set<String> eventsBefore = new HashSet<>(events);
        Map<String, NamespaceRequest> requestsBefore = new LinkedHashMap<>(requests);
        Map<String, Namespace> namespacesBefore = new LinkedHashMap<>(namespaces);
        try {
            return work.get();
        } catch (RuntimeException e) {
            events = eventsBefore;
            requests = requestsBefore;
            namespaces = namespacesBefore;
            throw e;
        }
    }

    @Override
    public boolean recordEvent(String eventId) {
        return events.add(eventId);
    }

    @Override
    public Optional<NamespaceRequest> findRequest(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public Optional<NamespaceRequest> lockRequest(String requestId) {
        return findRequest(requestId);
    }

    @Override
    public void saveRequest(Optional<NamespaceRequest> before, NamespaceRequest after) {
        if (before.isEmpty() && (requests.containsKey(after.requestId()) || concurrentInsertsToSimulate-- > 0)) {
            throw new ConcurrentChangeException("request " + after.requestId());
        }
        requests.put(after.requestId(), after);
    }

    @Override
    public Optional<Namespace> findNamespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<Namespace> lockNamespace(String name) {
        return findNamespace(name);
    }

    @Override
    public void saveNamespace(Optional<Namespace> before, Optional<Namespace> after) {
        if (after.isEmpty()) {
            before.ifPresent(gone -> namespaces.remove(gone.name()));
            return;
        }
        if (before.isEmpty() && namespaces.containsKey(after.get().name())) {
            throw new ConcurrentChangeException("namespace " + after.get().name());
        }
        namespaces.put(after.get().name(), after.get());
    }

    @Override
    public boolean claimName(Namespace pending) {
        Namespace holder = namespaces.get(pending.name());
        if (holder != null && !holder.status().releasesName()) {
            return false;
        }
        namespaces.put(pending.name(), pending);
        return true;
    }

    @Override
    public NamespacePage listNamespaces(NamespaceFilter filter) {
        List<Namespace> found = new ArrayList<>(namespaces.values().stream()
                .filter(n -> filter.teams() == null || filter.teams().contains(n.team()))
                .filter(n -> filter.environment() == null || filter.environment().equals(n.spec().environment()))
                .filter(n -> filter.tier() == null || filter.tier().equals(n.spec().tier()))
                .filter(n -> filter.status() == null || filter.status() == n.status())
                .sorted(Comparator.comparing(Namespace::name))
                .toList());
        return new NamespacePage(found.subList(Math.min(filter.offset(), found.size()),
                Math.min(filter.offset() + filter.limit(), found.size())), found.size());
    }

    @Override
    public Optional<NamespaceRequest> findOpenRequest(String name) {
        return requests.values().stream()
                .filter(r -> r.name().equals(name) && !r.status().isTerminal())
                .max(Comparator.comparing(NamespaceRequest::createdAt));
    }

    public int requestCount() {
        return requests.size();
    }
}
