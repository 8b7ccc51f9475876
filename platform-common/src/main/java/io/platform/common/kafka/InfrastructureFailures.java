package io.platform.common.kafka;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells a failure of the infrastructure a listener depends on (its database unreachable, a connection lost in the
 * middle of a transaction) from a failure of the record. The record is fine in the first case and must not be
 * dead-lettered after a few quick retries: the error handler keeps retrying it, with a longer back-off, for as long as
 * an outage is expected to last ({@link PlatformKafkaProperties.Retry#outageMaxElapsed()}).
 */
public final class InfrastructureFailures {

    private InfrastructureFailures() {
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

    /** SQL states of a lost or refused connection (class 08) or an operator intervention (57P: shutdown, restart). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
