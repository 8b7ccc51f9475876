package io.platform.catalog.messaging;

import io.platform.catalog.config.CatalogPublicationProperties;
import io.platform.catalog.domain.CatalogPublication;
import io.platform.catalog.domain.CatalogRepository;
import io.platform.catalog.domain.TemplateRepository;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes the stored catalog once the service is up, and again until it succeeds if the broker or registry is not
 * reachable yet. Out of service until the catalog is on the topic, since the other services validate against it.
 */
@Component("catalogPublication")
public class CatalogPublicationJob implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublicationJob.class);

    private final CatalogRepository repository;
    private final TemplateRepository templates;
    private final CatalogPublication publication;
    private final CatalogPublicationProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "catalog-publication");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean published;
    private volatile String lastError;

    CatalogPublicationJob(CatalogRepository repository, TemplateRepository templates, CatalogPublication publication,
                          CatalogPublicationProperties properties) {
        this.repository = repository;
        this.templates = templates;
        this.publication = publication;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishWhenReady() {
        scheduler.execute(this::attempt);
    }

    /** Publishes the whole catalog now; also used after a change. */
    public void publishNow() {
        publication.publish(repository.tiers(), repository.features(), templates.all());
        published = true;
        lastError = null;
    }

    private void attempt() {
        try {
            publishNow();
            log.info("catalog published: {} tiers, {} features, {} template versions", repository.tiers().size(),
                    repository.features().size(), templates.all().size());
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            log.warn("catalog not published yet; retrying in {}", properties.retryInterval(), e);
            scheduler.schedule(this::attempt, properties.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Health health() {
        if (published) {
            return Health.up().build();
        }
        Health.Builder builder = Health.outOfService();
        if (lastError != null) {
            builder.withDetail("lastError", lastError);
        }
        return builder.build();
    }
}
