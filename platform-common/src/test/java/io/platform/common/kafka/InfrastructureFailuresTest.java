package io.platform.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

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
