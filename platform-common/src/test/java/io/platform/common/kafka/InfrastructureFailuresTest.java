package io.platform.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

class InfrastructureFailuresTest {

    @Test
    void treatsAnUnreachableDatabaseAsInfrastructure() {
        // Given what a listener sees while PostgreSQL is stopped: the pool cannot hand out a connection
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                                new ConnectException("Connection refused"))));

        // Then
        assertThat(InfrastructureFailures.isInfrastructureFailure(failure)).isTrue();
    }

    @Test
    void treatsAConnectionLostMidTransactionAsInfrastructure() {
        // Given the driver's error when the server terminates the session (SQL state 57P01) or the socket breaks (08006)
        Exception terminated = new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"));
        Exception broken = new CannotGetJdbcConnectionException("no connection", new SQLException("I/O error", "08006"));

        // Then
        assertThat(InfrastructureFailures.isInfrastructureFailure(terminated)).isTrue();
        assertThat(InfrastructureFailures.isInfrastructureFailure(broken)).isTrue();
    }

    @Test
    void treatsRecordProblemsAsTheRecordsFault() {
        // Given failures that retrying can never fix
        Exception constraint = new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505"));
        Exception permanent = new PermanentEventFailure("unexpected-type", "does not belong here",
                new ConnectException("irrelevant cause"));

        // Then
        assertThat(InfrastructureFailures.isInfrastructureFailure(constraint)).isFalse();
        assertThat(InfrastructureFailures.isInfrastructureFailure(permanent)).isFalse();
        assertThat(InfrastructureFailures.isInfrastructureFailure(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void treatsARecordTheRegistryCouldNotResolveAsInfrastructure() {
        // Given the deserializer's failure while the registry restarts: the client's exception named in a message
        Exception failure = new DeserializationException("failed to deserialize", new byte[0], false,
                new RuntimeException("Could not serialize type io.apicurio.registry.rest.client.exception.RestClientException"
                        + " with message io.apicurio.registry.rest.v2.beans.Error. Original exception message: null"));

        // Then it is retried like an outage, not dead-lettered as a poison pill
        BackOff outage = new FixedBackOff(1000, 5);
        assertThat(InfrastructureFailures.isInfrastructureFailure(failure)).isTrue();
        assertThat(InfrastructureFailures.backOffFunction(outage).apply(record(), failure)).isSameAs(outage);
    }

    @Test
    void deadLettersAPoisonPillAtOnceAndLeavesOtherFailuresToTheHandlersBackOff() {
        // Given bytes that are not Avro, and a failure of the listener's own logic
        Exception poison = new ListenerExecutionFailedException("failed",
                new DeserializationException("unknown magic byte", new byte[] {42}, false, new IllegalStateException("magic")));
        Exception bug = new ListenerExecutionFailedException("failed", new IllegalStateException("bug"));
        BackOff outage = new FixedBackOff(1000, 5);

        // Then the poison pill gets no retry at all, the other failure the handler's default back-off
        assertThat(InfrastructureFailures.backOffFunction(outage).apply(record(), poison).start().nextBackOff())
                .isEqualTo(BackOffExecution.STOP);
        assertThat(InfrastructureFailures.backOffFunction(outage).apply(record(), bug)).isNull();
    }

    private static ConsumerRecord<?, ?> record() {
        return new ConsumerRecord<>("platform.namespace.events.v1", 0, 0L, "key", "value");
    }

    @Test
    void retriesAnOutageForTheConfiguredTimeWithBoundedIntervals() {
        // Given the defaults: intervals up to 10 s, given up after 15 minutes of waiting
        PlatformKafkaProperties.Retry retry = new PlatformKafkaProperties.Retry(3, Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(15));

        // When the intervals are drawn until the back-off gives up
        BackOffExecution execution = PlatformKafkaAutoConfiguration.outageBackOff(retry).start();
        long total = 0;
        long longest = 0;
        long interval;
        while ((interval = execution.nextBackOff()) != BackOffExecution.STOP) {
            total += interval;
            longest = Math.max(longest, interval);
        }

        // Then a 20 s outage is ridden out many times over, and no single wait exceeds the ceiling
        assertThat(total).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(16).toMillis());
        assertThat(longest).isEqualTo(10_000);
    }
}
