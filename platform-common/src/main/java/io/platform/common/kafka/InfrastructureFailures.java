package io.platform.common.kafka;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Tells a failure of the infrastructure a listener depends on (its database unreachable, a connection lost in the
 * middle of a transaction, the schema registry unreachable while a record's writer schema is looked up) from a
 * failure of the record. The record is fine in the first case and must not be dead-lettered after a few quick retries:
 * the error handler keeps retrying it, with a longer back-off, for as long as an outage is expected to last
 * ({@link PlatformKafkaProperties.Retry#outageMaxElapsed()}). A record that cannot be deserialized for any other
 * reason is a poison pill and is dead-lettered at once.
 */
public final class InfrastructureFailures {

    private InfrastructureFailures() {
    }

    private static final String REGISTRY_CLIENT = "io.apicurio.registry.rest.client";
    private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

    /**
     * Makes {@code handler} retry infrastructure failures with {@code outage} (deserialization failures included,
     * when the registry is what failed), dead-letter other deserialization failures at once, and keep its own back-off
     * for everything else. With {@code outage} null, infrastructure failures get the handler's own back-off too (a
     * handler that retries without limit).
     */
    public static void apply(DefaultErrorHandler handler, BackOff outage) {
        handler.removeClassification(DeserializationException.class);
        handler.setBackOffFunction(backOffFunction(outage));
    }

    static BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> backOffFunction(BackOff outage) {
        return (record, exception) -> isInfrastructureFailure(exception) ? outage
                : causedBy(exception, DeserializationException.class) ? NO_RETRIES
                : null;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    /** Whether {@code failure} or any of its causes says the database (or another store) is unavailable. */
    public static boolean isInfrastructureFailure(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current instanceof PermanentEventFailure) {
                return false;
            }
            if (current instanceof DataAccessResourceFailureException
                    || current instanceof TransientDataAccessException
                    || current instanceof CannotCreateTransactionException
                    || current instanceof TransactionSystemException
                    || current instanceof TransactionTimedOutException
                    || current instanceof SQLTransientException
                    || current instanceof SQLRecoverableException
                    || current instanceof ConnectException
                    || current instanceof SocketTimeoutException
                    || isRegistryClientFailure(current)
                    || current instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return false;
    }

    /**
     * The registry client failed (unreachable, or answering errors while it restarts). Its exceptions reach the
     * deserializer sometimes wrapped in a plain {@code RuntimeException} that only names them in its message.
     */
    private static boolean isRegistryClientFailure(Throwable failure) {
        return failure.getClass().getName().startsWith(REGISTRY_CLIENT)
                || failure.getMessage() != null && failure.getMessage().contains(REGISTRY_CLIENT);
    }

    /** SQL states of a lost or refused connection (class 08) or an operator intervention (57P: shutdown, restart). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
