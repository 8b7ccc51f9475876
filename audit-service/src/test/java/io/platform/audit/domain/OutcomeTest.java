package io.platform.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void requestRejectedIsARejection() {
        assertThat(Outcome.ofEventType("io.platform.events.namespace.RequestRejected")).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void everyFailedEventIsAFailure() {
        assertThat(Outcome.ofEventType("io.platform.events.namespace.NamespaceProvisioningFailed")).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.ofEventType("io.platform.events.namespace.RbacFailed")).isEqualTo(Outcome.FAILED);
    }

    @Test
    void otherEventsAreOk() {
        assertThat(Outcome.ofEventType("io.platform.events.namespace.NamespaceReady")).isEqualTo(Outcome.OK);
        assertThat(Outcome.ofEventType("io.platform.events.catalog.TierDefined")).isEqualTo(Outcome.OK);
        assertThat(Outcome.ofEventType(null)).isEqualTo(Outcome.OK);
    }

    @Test
    void valuesRoundTrip() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(Outcome.fromValue(outcome.value())).isEqualTo(outcome);
        }
    }
}
