package io.platform.gateway.domain;

import java.util.function.Supplier;

/** Runs work atomically against the read model: all of its writes or none. */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);
}
