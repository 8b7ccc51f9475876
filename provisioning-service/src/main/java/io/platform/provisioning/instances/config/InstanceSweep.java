package io.platform.provisioning.instances.config;

import io.platform.provisioning.instances.domain.InstanceDeployer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Periodically fails requests whose namespace never became READY and republishes unannounced outcomes. Runs on its
 * own thread, so it neither waits for nor delays the service's other scheduled work.
 */
@Component
public class InstanceSweep {

    private static final Logger log = LoggerFactory.getLogger(InstanceSweep.class);

    private final InstanceDeployer deployer;
    private final InstancesProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "instance-sweep");
        thread.setDaemon(true);
        return thread;
    });

    public InstanceSweep(InstanceDeployer deployer, InstancesProperties properties) {
        this.deployer = deployer;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = properties.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    void sweep() {
        try {
            int expired = deployer.expireWaiting(properties.namespaceWait());
            int announced = deployer.announcePending(Duration.ofSeconds(5));
            if (expired + announced > 0) {
                log.info("instance sweep: {} waiting requests expired, {} outcomes republished", expired, announced);
            }
        } catch (RuntimeException e) {
            log.warn("instance sweep failed; next attempt in {}", properties.sweepInterval(), e);
        }
    }
}
