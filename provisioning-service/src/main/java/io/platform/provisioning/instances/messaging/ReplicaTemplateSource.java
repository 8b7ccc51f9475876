package io.platform.provisioning.instances.messaging;

import io.platform.common.catalog.CatalogReplica;
import io.platform.events.catalog.TemplateDefined;
import io.platform.provisioning.instances.config.InstancesProperties;
import io.platform.templates.TemplateContent;
import io.platform.provisioning.instances.domain.TemplateSource;
import io.platform.rules.catalog.TierInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Templates and tiers from the catalog replica (the compacted catalog topic). A template or tier the replica does not
 * hold yet is waited for (up to {@code catalog-wait}) before it counts as unknown: the replica's consumer may lag
 * behind the request consumer, and a request must not be refused for that.
 */
@Component
public class ReplicaTemplateSource implements TemplateSource {

    private static final long POLL_MILLIS = 200;

    private final CatalogReplica replica;
    private final Duration wait;

    public ReplicaTemplateSource(CatalogReplica replica, InstancesProperties properties) {
        this.replica = replica;
        this.wait = properties.catalogWait();
    }

    @Override
    public boolean loaded() {
        return replica.isLoaded();
    }

    @Override
    public Optional<TemplateContent> template(String name, String version) {
        return awaitPresent(() -> replica.template(name, version)).map(ReplicaTemplateSource::content);
    }

    @Override
    public Optional<TierInfo> tier(String name) {
        return awaitPresent(() -> replica.tier(name));
    }

    private <T> Optional<T> awaitPresent(Supplier<Optional<T>> lookup) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        Optional<T> found = lookup.get();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = lookup.get();
        }
        return found;
    }

    static TemplateContent content(TemplateDefined t) {
        return new TemplateContent(t.getName(), t.getVersion(), t.getParameterSchema(), t.getManifests(), t.getCpu(),
                t.getMemory(), t.getStorage(), t.getMonthlyCostCents(), t.getEnvironments(), t.getTiers(), t.getDeprecated());
    }
}
