package io.platform.outbox;

import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of a service that has this module: {@link JdbcOutbox} on the service's database (the service's migrations
 * create the table) and its {@link OutboxRelay} (scheduled when the service enables scheduling).
 */
@AutoConfiguration
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JdbcOutbox outbox(JdbcClient jdbc, PlatformKafkaProperties kafka) {
        return new JdbcOutbox(jdbc, kafka.source());
    }

    @Bean
    @ConditionalOnMissingBean
    public OutboxRelay outboxRelay(JdbcOutbox outbox, EventPublisher publisher, TransactionTemplate transactions,
                                   ObjectProvider<Clock> clock) {
        return new OutboxRelay(outbox, publisher, transactions, clock.getIfAvailable(Clock::systemUTC));
    }
}
