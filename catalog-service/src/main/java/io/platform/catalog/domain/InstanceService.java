package io.platform.catalog.domain;

import io.platform.templates.CompiledTemplate;
import io.platform.templates.ParameterSchema;
import io.platform.templates.QuotaCheck;
import io.platform.templates.ResourceUsage;
import io.platform.catalog.domain.template.SemanticVersion;
import io.platform.templates.TemplateProblem;
import io.platform.templates.TierQuota;
import io.platform.common.security.Caller;
import io.platform.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Service instances from the API's side: who may ask, whether the template and its parameters are valid for the
 * namespace, whether it fits into the namespace's quota next to its other instances, and the request on the
 * service-instances topic. Nothing here touches the cluster: provisioning-service deploys, checks again (it is
 * authoritative, also for requests other systems publish) and reports the outcome, which {@link InstanceProjection}
 * records.
 */
public final class InstanceService {

    private final InstanceRepository instances;
    private final TemplateCatalog templates;
    private final CatalogRepository catalog;
    private final InstanceEvents events;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public InstanceService(InstanceRepository instances, TemplateCatalog templates, CatalogRepository catalog,
                           InstanceEvents events, UnitOfWork unitOfWork, Clock clock) {
        this.instances = instances;
        this.templates = templates;
        this.catalog = catalog;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    /** The outcome of checking a request without deploying it. */
    public record DryRun(String namespace, String instanceName, TemplateVersion template,
                         CompiledTemplate.Instantiation instantiation, QuotaCheck quota) {
    }

    /** Validates, renders and checks the quota; publishes nothing. Quota that does not fit is reported, not refused. */
    public DryRun dryRun(Caller caller, String namespace, InstanceRequest request) {
        return prepare(caller, namespace, request);
    }

    /**
     * Accepts a request: stored as PENDING and published in one unit of work that commits only after the broker
     * acknowledged the event.
     *
     * @throws QuotaExceededException when it does not fit
     * @throws ConflictException      when a live instance holds the name
     */
    public ServiceInstance request(Caller caller, String namespace, InstanceRequest request) {
        DryRun checked = prepare(caller, namespace, request);
        if (!checked.quota().fits()) {
            throw new QuotaExceededException(namespace, checked.quota());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ServiceInstance instance = new ServiceInstance(UUID.randomUUID().toString(), namespace, request.instanceName(),
                checked.template().name(), checked.template().version(),
                ParameterSchema.toJson(checked.instantiation().parameters()), checked.instantiation().usage().toQuantities(),
                checked.instantiation().objectRefs(), checked.template().content().monthlyCostCents(),
                InstanceStatus.PENDING, null, null, null, caller.subject(), now, now);
        return unitOfWork.inTransaction(() -> {
            if (!instances.insert(instance)) {
                throw new ConflictException("namespace " + namespace + " already runs an instance named '" + request.instanceName() + "'");
            }
            events.requested(instance, now);
            return instance;
        });
    }

    /** Asks provisioning-service to remove exactly the instance's objects. */
    public ServiceInstance delete(Caller caller, String namespace, String instanceName) {
        NamespaceInfo info = ownedNamespace(caller, namespace);
        ServiceInstance instance = instances.find(info.name(), instanceName)
                .filter(found -> found.status() != InstanceStatus.DELETED)
                .orElseThrow(() -> new NotFoundException("service instance '" + instanceName + "' in namespace " + namespace));
        if (instance.status() == InstanceStatus.DELETING) {
            return instance;
        }
        if (instance.status() == InstanceStatus.PENDING) {
            throw new ConflictException("instance '" + instanceName + "' is still being deployed; delete it once it is DEPLOYED or FAILED");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String deletionRequestId = UUID.randomUUID().toString();
        return unitOfWork.inTransaction(() -> {
            instances.markDeleting(instance.requestId(), deletionRequestId, now);
            events.deletionRequested(instance, deletionRequestId, caller.subject(), now);
            return instances.byRequest(instance.requestId()).orElseThrow();
        });
    }

    public List<ServiceInstance> list(Caller caller, String namespace, boolean includeDeleted) {
        NamespaceInfo info = ownedNamespace(caller, namespace, true);
        return instances.list(info.name(), includeDeleted);
    }

    public ServiceInstance get(Caller caller, String namespace, String instanceName) {
        NamespaceInfo info = ownedNamespace(caller, namespace, true);
        return instances.find(info.name(), instanceName)
                .orElseThrow(() -> new NotFoundException("service instance '" + instanceName + "' in namespace " + namespace));
    }

    private DryRun prepare(Caller caller, String namespace, InstanceRequest request) {
        NamespaceInfo info = ownedNamespace(caller, namespace);
        List<Violation> violations = new ArrayList<>();
        if (request.template() == null || request.template().isBlank()) {
            violations.add(new Violation("template", "required", "name the template to deploy"));
        }
        if (request.version() == null || request.version().isBlank()) {
            violations.add(new Violation("version", "required", "name the template version to deploy"));
        }
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        TemplateVersion template = templates.find(request.template(), request.version()).orElseThrow(() ->
                new TemplateProblem(TemplateProblem.VALIDATE, List.of(new Violation("version", "unknown-template",
                        "the catalog has no template " + request.template() + "@" + request.version()
                                + newest(request.template()).map(v -> "; the newest version is " + v).orElse("")))));
        if (template.deprecated()) {
            violations.add(new Violation("version", "deprecated", template.name() + "@" + template.version()
                    + " is deprecated and takes no new instances (running ones keep working)"
                    + newest(template.name()).map(v -> "; use " + v).orElse("")));
        }
        CompiledTemplate compiled = templates.compiled(template);
        violations.addAll(compiled.allows(info.environment(), info.tier()));
        TierQuota quota = catalog.tier(info.tier()).map(definition -> TierQuota.of(definition.tier()))
                .orElseThrow(() -> new ConflictException("namespace " + namespace + " has tier '" + info.tier()
                        + "', which the catalog does not hold"));
        CompiledTemplate.Instantiation instantiation = null;
        try {
            instantiation = compiled.instantiate(info.name(), request.instanceName(), request.parameters(), quota);
        } catch (TemplateProblem e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new TemplateProblem(TemplateProblem.VALIDATE, violations);
        }
        ResourceUsage used = instances.list(info.name(), false).stream()
                .filter(other -> other.status().isLive() && !other.instanceName().equals(request.instanceName()))
                .map(other -> ResourceUsage.fromQuantities(other.usage()))
                .reduce(ResourceUsage.NONE, ResourceUsage::plus);
        return new DryRun(info.name(), request.instanceName(), template, instantiation,
                QuotaCheck.of(quota, used, instantiation.usage()));
    }

    private Optional<String> newest(String name) {
        return templates.search(new TemplateCatalog.Query(name, null, null, null, null, false)).stream()
                .map(TemplateVersion::version)
                .max(Comparator.comparing(v -> SemanticVersion.parse(v).orElseThrow()));
    }

    private NamespaceInfo ownedNamespace(Caller caller, String namespace) {
        return ownedNamespace(caller, namespace, false);
    }

    private NamespaceInfo ownedNamespace(Caller caller, String namespace, boolean deletedToo) {
        NamespaceInfo info = instances.namespace(namespace)
                .filter(found -> deletedToo || found.ready())
                .orElseThrow(() -> new NotFoundException("namespace '" + namespace + "' (READY)"));
        if (!caller.canActFor(info.team())) {
            throw new AccessDeniedException("the caller is not a member of team '" + info.team() + "', which owns namespace " + namespace);
        }
        return info;
    }
}
