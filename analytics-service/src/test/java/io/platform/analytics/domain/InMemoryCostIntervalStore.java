package io.platform.analytics.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The store's contract in memory, for projection tests. */
class InMemoryCostIntervalStore implements CostIntervalStore {

    final List<CostInterval> intervals = new ArrayList<>();
    private final Set<String> processed = new HashSet<>();

    @Override
    public boolean markProcessed(String eventId, Instant at) {
        return processed.add(eventId);
    }

    @Override
    public Optional<CostInterval> findOpen(String namespace) {
        return intervals.stream().filter(i -> i.namespace().equals(namespace) && i.isOpen()).findFirst();
    }

    @Override
    public Optional<Instant> lastChange(String namespace) {
        return intervals.stream().filter(i -> i.namespace().equals(namespace)).map(i -> i.endOr(i.from()))
                .max(Instant::compareTo);
    }

    @Override
    public void open(CostInterval interval, String eventId) {
        if (findOpen(interval.namespace()).isPresent()) {
            throw new IllegalStateException("already open: " + interval.namespace());
        }
        intervals.add(interval);
    }

    @Override
    public void close(String namespace, Instant at, String eventId, CloseReason reason) {
        findOpen(namespace).ifPresent(open -> {
            intervals.remove(open);
            intervals.add(new CostInterval(open.namespace(), open.team(), open.environment(), open.tier(),
                    open.costCenter(), open.monthlyPriceCents(), open.from(), at.isBefore(open.from()) ? open.from() : at));
        });
    }

    @Override
    public List<CostInterval> overlapping(CostWindow window) {
        return intervals.stream().filter(i -> i.from().isBefore(window.to())
                && (i.isOpen() || i.to().isAfter(window.from()))).toList();
    }

    List<CostInterval> of(String namespace) {
        return intervals.stream().filter(i -> i.namespace().equals(namespace))
                .sorted(java.util.Comparator.comparing(CostInterval::from)).toList();
    }
}
