package io.platform.gateway.persistence;

import io.platform.gateway.domain.UnitOfWork;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A unit of work is one database transaction, rolled back when the work throws. */
public class TransactionalUnitOfWork implements UnitOfWork {

    private final TransactionTemplate transactions;

    public TransactionalUnitOfWork(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
