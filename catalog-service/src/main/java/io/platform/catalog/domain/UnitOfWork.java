package io.platform.catalog.domain;

import java.util.function.Supplier;

/** Runs work atomically against the store: all of its writes or none. */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);
}
