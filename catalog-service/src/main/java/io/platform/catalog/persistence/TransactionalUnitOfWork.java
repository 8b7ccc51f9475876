package io.platform.catalog.persistence;

import io.platform.catalog.domain.UnitOfWork;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A unit of work is one database transaction, rolled back when the work throws. */
@Component
class TransactionalUnitOfWork implements UnitOfWork {

    private final TransactionTemplate transactions;

    TransactionalUnitOfWork(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
