package io.platform.outbox;

import io.platform.common.kafka.EventPublisher.Outgoing;
import io.platform.common.kafka.EventPublisher;
import io.platform.schemas.topic.TopicSpec;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox: right after a handler committed ({@link #flush()}) and every second as a safety net (events of
 * a commit whose publish failed, or whose process died). Each batch goes out in one Kafka transaction (all or none
 * visible to read-committed consumers) and is marked published afterwards; a crash in between publishes the batch
 * again with the same event ids, which consumers deduplicate. One relay runs at a time across replicas (an advisory
 * lock), so the events of a key keep their order. Published events are forgotten after a week.
 *
 * <p>A bean of the owning service (with {@code @EnableScheduling}); {@code platform.outbox.interval} (default 1 s) sets
 * the safety-net sweep.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final JdbcOutbox outbox;
    private final EventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReentrantLock local = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxRelay(JdbcOutbox outbox, EventPublisher publisher, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Publishes what is waiting. Never throws: what cannot be published now stays in the outbox for the next run.
     * Never waits for another thread's flush either: when one is running, it is asked to go round once more (and so
     * publishes this caller's committed events), and the caller goes on with its next record.
     *
     * @return whether everything waiting was published (true when another thread took the request)
     */
    public boolean flush() {
        requested.set(true);
        boolean all = true;
        while (requested.get() && local.tryLock()) {
            try {
                while (requested.getAndSet(false)) {
                    all = publishWaiting();
                }
            } finally {
                local.unlock();
            }
        }
        return all;
    }

    private boolean publishWaiting() {
        try {
            while (true) {
                Integer published = transactions.execute(status -> {
                    if (!outbox.tryLockRelay()) {
                        return -1;
                    }
                    List<JdbcOutbox.Entry> entries = outbox.unpublished(BATCH);
                    if (entries.isEmpty()) {
                        return 0;
                    }
                    publisher.publishAll(entries.stream()
                            .map(entry -> new Outgoing(topic(entry.topic()), entry.key(), entry.event()))
                            .toList());
                    outbox.markPublished(entries.stream().map(JdbcOutbox.Entry::id).toList(), clock.instant());
                    return entries.size();
                });
                if (published == null || published < BATCH) {
                    return published != null && published >= 0;
                }
            }
        } catch (RuntimeException e) {
            log.warn("outbox not published yet, retrying shortly: {}", e.getMessage());
            return false;
        }
    }

    @Scheduled(fixedDelayString = "${platform.outbox.interval:1s}", initialDelayString = "2s")
    public void sweep() {
        flush();
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
    public void purge() {
        try {
            int purged = transactions.execute(status -> outbox.purge(clock.instant(), Duration.ofDays(7)));
            if (purged > 0) {
                log.info("purged {} published outbox events older than 7 days", purged);
            }
        } catch (RuntimeException e) {
            log.warn("outbox purge failed: {}", e.getMessage());
        }
    }

    private static TopicSpec<? extends SpecificRecord> topic(String name) {
        return Topics.byName(name).orElseThrow(() -> new IllegalStateException("outbox names unknown topic " + name));
    }
}
