package io.platform.provisioning.instances.domain;

import io.platform.templates.CompiledTemplate;
import io.platform.templates.ParameterSchema;
import io.platform.templates.QuotaCheck;
import io.platform.templates.RenderedObject;
import io.platform.templates.ResourceUsage;
import io.platform.templates.TemplateContent;
import io.platform.templates.TemplateProblem;
import io.platform.templates.TierQuota;

import io.platform.rules.catalog.TierInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Deploys and deletes service instances: the authoritative check of every request on the service-instances topic
 * (whoever published it), the quota headroom from the platform's own records, idempotent writes and compensation.
 *
 * <p>Consistency: each decision is written to PostgreSQL first (under the namespace's row lock, so admissions to one
 * namespace never overlap and the quota they reserve adds up), then the cluster is written, then the outcome is
 * published and marked announced. A crash anywhere means the record is redelivered (or the sweep finds an unannounced
 * outcome) and the same decision is carried out again from the stored state: writes are create-or-update, Secrets
 * are created only if absent, and event ids derive from the request id.
 */
public final class InstanceDeployer {

    public static final String VALIDATE = "validate";
    public static final String QUOTA = "quota";
    public static final String RENDER = "render";
    public static final String APPLY = "apply";
    public static final String DELETE = "delete";

    private static final Logger log = LoggerFactory.getLogger(InstanceDeployer.class);

    private final InstanceStore store;
    private final InstanceCluster cluster;
    private final InstanceOutcomes outcomes;
    private final TemplateSource catalog;
    private final Clock clock;
    private final Retry retry;
    private final Map<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();

    /** Bounded retries of transient cluster errors inside one delivery. */
    public record Retry(int attempts, Duration initialDelay, Pause pause) {
    }

    /** Waits between attempts (a test passes one that does not wait). */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    public InstanceDeployer(InstanceStore store, InstanceCluster cluster, InstanceOutcomes outcomes, TemplateSource catalog,
                            Clock clock, Retry retry) {
        this.store = store;
        this.cluster = cluster;
        this.outcomes = outcomes;
        this.catalog = catalog;
        this.clock = clock;
        this.retry = retry;
    }

    /** {@code ServiceInstanceRequested} as this service needs it. */
    public record Requested(String eventId, String requestId, String namespace, String instanceName, String template,
                            String version, String parametersJson, String actor, Instant occurredAt) {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // deploy

    public void onRequested(Requested request) {
        if (store.consumed(request.eventId())) {
            return;
        }
        Optional<InstanceRecord> existing = store.byRequest(request.requestId());
        if (existing.isPresent() && existing.get().state() != InstanceState.WAITING) {
            resume(existing.get());
        } else {
            Instant at = request.occurredAt() == null ? now() : request.occurredAt().truncatedTo(ChronoUnit.MILLIS);
            admit(existing.orElse(new InstanceRecord(request.requestId(), request.namespace(), request.instanceName(),
                    request.template(), request.version(), request.parametersJson(), request.actor(), InstanceState.WAITING,
                    List.of(), Map.of(), 0, null, null, null, false, at, at)));
        }
        store.consume(request.eventId());
    }

    private sealed interface Admission permits Waiting, Refused, Admitted {
    }

    private record Waiting() implements Admission {
    }

    private record Refused(InstanceRecord record) implements Admission {
    }

    private record Admitted(InstanceRecord record, List<RenderedObject> objects) implements Admission {
    }

    private void admit(InstanceRecord record) {
        Admission admission = store.inNamespace(record.namespace(), () -> decide(record));
        if (admission instanceof Refused refused) {
            announce(refused.record());
        } else if (admission instanceof Admitted admitted) {
            apply(admitted.record(), admitted.objects());
        }
    }

    private Admission decide(InstanceRecord record) {
        Optional<InstanceNamespace> namespace = store.namespace(record.namespace());
        if (namespace.isPresent() && !namespace.get().ready()) {
            return refuse(record, VALIDATE, "namespace " + record.namespace() + " was deleted");
        }
        if (namespace.isEmpty()) {
            if (!store.save(record.with(InstanceState.WAITING, record.updatedAt()))) {
                return refuse(record, VALIDATE, nameTaken(record));
            }
            log.info("instance {}/{} waits until namespace {} is READY", record.namespace(), record.instanceName(), record.namespace());
            return new Waiting();
        }
        InstanceNamespace ns = namespace.get();
        Optional<CompiledTemplate> template = template(record);
        if (template.isEmpty()) {
            return refuse(record, VALIDATE, "the catalog has no template " + record.template() + "@" + record.version());
        }
        Optional<TierInfo> tier = tier(ns);
        if (tier.isEmpty()) {
            return refuse(record, VALIDATE, "namespace " + ns.name() + " has tier '" + ns.tier() + "', which the catalog does not hold");
        }
        TierQuota quota = TierQuota.of(tier.get());
        CompiledTemplate.Instantiation instantiation;
        try {
            List<io.platform.rules.Violation> notAllowed = template.get().allows(ns.environment(), ns.tier());
            if (!notAllowed.isEmpty()) {
                throw new TemplateProblem(TemplateProblem.VALIDATE, notAllowed);
            }
            instantiation = template.get().instantiate(ns.name(), record.instanceName(), parameters(record), quota);
        } catch (TemplateProblem problem) {
            return refuse(record, problem.step(), problem.getMessage());
        }
        Optional<InstanceRecord> holder = store.live(ns.name(), record.instanceName());
        if (holder.isPresent() && !holder.get().requestId().equals(record.requestId())) {
            return refuse(record, VALIDATE, nameTaken(record));
        }
        ResourceUsage used = store.instancesIn(ns.name()).stream()
                .filter(other -> other.state().usesQuota() && !other.requestId().equals(record.requestId()))
                .map(other -> ResourceUsage.fromQuantities(other.usage()))
                .reduce(ResourceUsage.NONE, ResourceUsage::plus);
        QuotaCheck check = QuotaCheck.of(quota, used, instantiation.usage());
        if (!check.fits()) {
            return refuse(record, QUOTA, check.summary());
        }
        InstanceRecord admitted = record.admitted(ParameterSchema.toJson(instantiation.parameters()),
                instantiation.objects().stream().map(ObjectRef::of).toList(), instantiation.usage().toQuantities(),
                template.get().content().monthlyCostCents(), now());
        if (!store.save(admitted)) {
            return refuse(record, VALIDATE, nameTaken(record));
        }
        return new Admitted(admitted, instantiation.objects());
    }

    private JsonNode parameters(InstanceRecord record) {
        try {
            return ParameterSchema.parse(record.parameters());
        } catch (JacksonException e) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, List.of(new io.platform.rules.Violation("parameters", "json",
                    "parametersJson is not valid JSON")));
        }
    }

    private Refused refuse(InstanceRecord record, String step, String reason) {
        InstanceRecord failed = record.failed(step, reason, now());
        store.save(failed);
        log.info("instance {}/{} ({}) refused at {}: {}", record.namespace(), record.instanceName(), record.requestId(), step, reason);
        return new Refused(failed);
    }

    private static String nameTaken(InstanceRecord record) {
        return "namespace " + record.namespace() + " already runs an instance named '" + record.instanceName() + "'";
    }

    /** Writes the objects; on a refusal (or transient errors beyond the retries) removes them again and fails. */
    private void apply(InstanceRecord record, List<RenderedObject> objects) {
        InstanceCluster.InstanceLabels labels = new InstanceCluster.InstanceLabels(record.instanceName(), record.template(),
                record.version(), record.requestId());
        try {
            withRetries(() -> {
                cluster.apply(record.namespace(), labels, objects);
                return null;
            });
        } catch (InstanceClusterException e) {
            log.warn("instance {}/{} could not be applied, compensating: {}", record.namespace(), record.instanceName(), e.getMessage());
            String reason = e.getMessage();
            try {
                withRetries(() -> {
                    cluster.remove(record.namespace(), record.instanceName(), record.objects());
                    return null;
                });
            } catch (InstanceClusterException removal) {
                if (!removal.permanent()) {
                    throw removal; // redelivered: the record is still APPLYING and is carried out again
                }
                reason += "; removing what was written was refused too: " + removal.getMessage();
            }
            String finalReason = reason;
            InstanceRecord failed = store.inNamespace(record.namespace(), () -> {
                InstanceRecord result = record.failed(APPLY, finalReason, now());
                store.save(result);
                return result;
            });
            announce(failed);
            return;
        }
        InstanceRecord deployed = store.inNamespace(record.namespace(), () -> {
            InstanceRecord result = record.with(InstanceState.DEPLOYED, now());
            store.save(result);
            return result;
        });
        log.info("instance {}/{} deployed: {}", record.namespace(), record.instanceName(), deployed.objectRefs());
        announce(deployed);
    }

    /** A request seen before: carry on from its stored state. */
    private void resume(InstanceRecord record) {
        switch (record.state()) {
            case APPLYING -> apply(record, render(record));
            case DEPLOYED, FAILED -> announce(record);
            default -> log.debug("request {} for {}/{} is {}: nothing to do", record.requestId(), record.namespace(),
                    record.instanceName(), record.state());
        }
    }

    /** The objects of an admitted instance, rendered again from its recorded parameters (rendering is deterministic). */
    private List<RenderedObject> render(InstanceRecord record) {
        InstanceNamespace ns = store.namespace(record.namespace()).orElseThrow();
        CompiledTemplate template = template(record).orElseThrow(() -> new IllegalStateException(
                "template " + record.template() + "@" + record.version() + " is no longer in the catalog"));
        TierInfo tier = tier(ns).orElseThrow(() -> new CatalogNotLoadedException("tier " + ns.tier() + " unknown"));
        return template.instantiate(ns.name(), record.instanceName(), parameters(record), TierQuota.of(tier)).objects();
    }

    private Optional<CompiledTemplate> template(InstanceRecord record) {
        Optional<TemplateContent> content = catalog.template(record.template(), record.version());
        if (content.isEmpty()) {
            if (!catalog.loaded()) {
                throw new CatalogNotLoadedException("the catalog replica is not loaded yet");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(compiled.computeIfAbsent(record.template() + "@" + record.version(),
                    key -> CompiledTemplate.compile(content.get())));
        } catch (TemplateProblem e) {
            log.warn("template {}@{} cannot be compiled: {}", record.template(), record.version(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<TierInfo> tier(InstanceNamespace ns) {
        Optional<TierInfo> tier = catalog.tier(ns.tier());
        if (tier.isEmpty() && !catalog.loaded()) {
            throw new CatalogNotLoadedException("the catalog replica is not loaded yet");
        }
        return tier;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // delete

    /** {@code ServiceInstanceDeletionRequested}: remove exactly the instance's objects. */
    public void onDeletionRequested(String eventId, String deletionRequestId, String namespace, String instanceName, String actor) {
        if (store.consumed(eventId)) {
            return;
        }
        InstanceRecord deleting = store.byDeletionRequest(deletionRequestId).orElse(null);
        if (deleting == null) {
            Optional<InstanceRecord> live = store.live(namespace, instanceName);
            if (live.isEmpty()) {
                // nothing of it exists (never admitted, failed, or deleted before): that is the requested outcome
                Instant now = now();
                outcomes.deleted(new InstanceRecord(deletionRequestId, namespace, instanceName, "", "", "{}", actor,
                        InstanceState.DELETED, List.of(), Map.of(), 0, null, null, deletionRequestId, false, now, now),
                        deletionRequestId, "deleted");
                store.consume(eventId);
                return;
            }
            deleting = store.inNamespace(namespace, () -> {
                InstanceRecord marked = live.get().deleting(deletionRequestId, now());
                store.save(marked);
                return marked;
            });
        }
        if (deleting.state() == InstanceState.DELETING) {
            remove(deleting);
        } else if (!deleting.announced()) {
            announce(deleting);
        }
        store.consume(eventId);
    }

    private void remove(InstanceRecord record) {
        try {
            withRetries(() -> {
                cluster.remove(record.namespace(), record.instanceName(), record.objects());
                return null;
            });
        } catch (InstanceClusterException e) {
            if (!e.permanent()) {
                throw e;
            }
            InstanceRecord failed = store.inNamespace(record.namespace(), () -> {
                InstanceRecord result = record.deletionFailed(e.getMessage(), now());
                store.save(result);
                return result;
            });
            announce(failed);
            return;
        }
        InstanceRecord deleted = store.inNamespace(record.namespace(), () -> {
            InstanceRecord result = record.with(InstanceState.DELETED, now());
            store.save(result);
            return result;
        });
        log.info("instance {}/{} deleted: {}", record.namespace(), record.instanceName(), record.objectRefs());
        announce(deleted);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // namespaces

    /** {@code NamespaceReady} / {@code NamespaceUpdated}: the namespace takes instances; waiting ones go ahead. */
    public void onNamespaceReady(String eventId, InstanceNamespace namespace, Instant at) {
        if (store.consumed(eventId)) {
            return;
        }
        store.inNamespace(namespace.name(), () -> {
            store.saveNamespace(namespace, at);
            return null;
        });
        for (InstanceRecord record : store.instancesIn(namespace.name())) {
            if (record.state() == InstanceState.WAITING) {
                admit(record);
            }
        }
        store.consume(eventId);
    }

    /**
     * {@code NamespaceDeleted}: its instances are gone with it. Their objects are removed explicitly (a real cluster
     * removes them with the namespace; the CRUD stand-in does not) and each instance is announced deleted.
     */
    public void onNamespaceDeleted(String eventId, String name, String team, Instant at) {
        if (store.consumed(eventId)) {
            return;
        }
        InstanceNamespace known = store.namespace(name).orElse(new InstanceNamespace(name, team, "", "", false));
        store.inNamespace(name, () -> {
            store.saveNamespace(new InstanceNamespace(name, known.team(), known.environment(), known.tier(), false), at);
            return null;
        });
        for (InstanceRecord record : store.instancesIn(name)) {
            if (record.state() == InstanceState.WAITING) {
                announce(store.inNamespace(name, () -> refuse(record, VALIDATE, "namespace " + name + " was deleted").record()));
            } else if (record.state().isLive()) {
                try {
                    cluster.remove(name, record.instanceName(), record.objects());
                } catch (InstanceClusterException e) {
                    log.warn("objects of instance {}/{} not removed (the namespace's deletion removes them): {}", name,
                            record.instanceName(), e.getMessage());
                }
                announce(store.inNamespace(name, () -> {
                    InstanceRecord deleted = record.with(InstanceState.DELETED, now());
                    store.save(deleted);
                    return deleted;
                }));
            }
        }
        store.consume(eventId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sweeps

    /** Fails instances whose namespace did not become READY in time. */
    public int expireWaiting(Duration wait) {
        int expired = 0;
        for (InstanceRecord record : store.waitingSince(now().minus(wait))) {
            Optional<InstanceRecord> failed = store.inNamespace(record.namespace(), () -> store.byRequest(record.requestId())
                    .filter(current -> current.state() == InstanceState.WAITING)
                    .map(current -> refuse(current, VALIDATE, "namespace " + current.namespace()
                            + " did not become READY within " + wait.toSeconds() + " s").record()));
            failed.ifPresent(this::announce);
            expired += failed.isPresent() ? 1 : 0;
        }
        return expired;
    }

    /**
     * Publishes outcomes that were decided but never announced (the publish failed and no redelivery followed, e.g.
     * for instances admitted when their namespace became READY): the safety net of "state first, then the event".
     */
    public int announcePending(Duration olderThan) {
        List<InstanceRecord> pending = store.unannouncedSince(now().minus(olderThan));
        pending.forEach(this::announce);
        return pending.size();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Publishes the outcome of the record's state, then marks it announced. */
    private void announce(InstanceRecord record) {
        switch (record.state()) {
            case DEPLOYED -> {
                if (DELETE.equals(record.failureStep())) {
                    outcomes.failed(record, record.deletionRequestId());
                } else {
                    outcomes.deployed(record);
                }
            }
            case FAILED -> outcomes.failed(record, record.requestId());
            case DELETED -> outcomes.deleted(record, record.deletionRequestId() == null ? record.requestId() : record.deletionRequestId(),
                    record.deletionRequestId() == null ? "deleted-with-namespace" : "deleted");
            default -> {
                return;
            }
        }
        store.inNamespace(record.namespace(), () -> {
            store.byRequest(record.requestId()).filter(current -> current.state() == record.state())
                    .ifPresent(current -> store.save(withAnnounced(current)));
            return null;
        });
    }

    private static InstanceRecord withAnnounced(InstanceRecord r) {
        return new InstanceRecord(r.requestId(), r.namespace(), r.instanceName(), r.template(), r.version(), r.parameters(),
                r.actor(), r.state(), r.objects(), r.usage(), r.monthlyCostCents(), r.failureStep(), r.failureReason(),
                r.deletionRequestId(), true, r.createdAt(), r.updatedAt());
    }

    private <T> T withRetries(Supplier<T> call) {
        Duration delay = retry.initialDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (InstanceClusterException e) {
                if (e.permanent() || attempt >= retry.attempts()) {
                    throw e;
                }
                log.info("transient cluster error (attempt {} of {}), retrying in {}: {}", attempt, retry.attempts(), delay, e.getMessage());
                try {
                    retry.pause().pause(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = delay.multipliedBy(2);
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
