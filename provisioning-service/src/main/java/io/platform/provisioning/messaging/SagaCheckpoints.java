package io.platform.provisioning.messaging;

import io.platform.provisioning.domain.ProvisioningSaga;

/**
 * Points of the saga where a process may die: after a step's Kubernetes writes (before the new state is committed),
 * and after the commit (before its events are published). Production does nothing here; tests install a
 * fault that throws at one of them, which the consumer experiences exactly like a crash: the transaction is rolled
 * back and the record is delivered again.
 */
public interface SagaCheckpoints {

    SagaCheckpoints NONE = new SagaCheckpoints() {
    };

    /** The Kubernetes writes of {@code step} are done; nothing of it is committed yet. */
    default void afterClusterWrite(ProvisioningSaga saga, String step) {
    }

    /** The saga's new state and its events are committed; the events are not published yet. */
    default void afterCommit(ProvisioningSaga saga) {
    }
}
