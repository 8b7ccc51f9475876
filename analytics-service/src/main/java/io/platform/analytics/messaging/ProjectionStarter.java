package io.platform.analytics.messaging;

import io.platform.common.catalog.CatalogReplica;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts the lifecycle listener once the catalog replica (re-read from the beginning on every start) holds tiers,
 * so that a namespace event is never priced against an empty catalog right after a restart.
 */
@Component
public class ProjectionStarter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionStarter.class);

    private final CatalogReplica catalog;
    private final KafkaListenerEndpointRegistry listeners;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-starter");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionStarter(CatalogReplica catalog, KafkaListenerEndpointRegistry listeners) {
        this.catalog = catalog;
        this.listeners = listeners;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startWhenCatalogIsLoaded() {
        scheduler.scheduleWithFixedDelay(this::startIfReady, 0, 250, TimeUnit.MILLISECONDS);
    }

    private void startIfReady() {
        if (!catalog.isLoaded()) {
            return;
        }
        MessageListenerContainer container = listeners.getListenerContainer(NamespaceCostListener.LISTENER_ID);
        if (container != null && !container.isRunning()) {
            log.info("catalog replica holds {} tiers: starting the cost projection", catalog.tiers().size());
            container.start();
        }
        scheduler.shutdown();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
