package io.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.e2e.harness.FaultSuite;
import io.platform.e2e.harness.PlatformClient;
import io.platform.e2e.harness.StackControl;
import io.platform.test.ProjectLayout;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short version of the fault-injection suite, in the test command: a service killed with SIGKILL and the broker
 * stopped for 20 s, each during a burst of requests; afterwards every invariant holds (every accepted request ended,
 * nothing twice in Kubernetes, audit exactly once and verifiable, analytics agrees with audit, consumers caught up,
 * refusals were 503). The full suite is {@code java -jar e2e-tests/target/platform-bench.jar faults}.
 */
@ExtendWith(LocalStackExtension.class)
@Order(50)
class FaultToleranceE2EIT {

    private final StackControl stack = new StackControl(ProjectLayout.root(), ProjectLayout.scratch("e2e-faults"));
    private final FaultSuite suite = new FaultSuite(stack, new PlatformClient(), System.out::println);

    @Test
    void provisioningKilledMidBurstLosesAndDuplicatesNothing() throws Exception {
        FaultSuite.Result result = suite.runScenario("kill-provisioning-service",
                FaultSuite.scenarios().get("kill-provisioning-service"), 150, 15);

        assertThat(result.accepted()).isPositive();
        assertThat(result.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
    }

    @Test
    void brokerStoppedTwentySecondsMidBurstLosesAndDuplicatesNothing() throws Exception {
        FaultSuite.Result result = suite.runScenario("broker-stopped-20s",
                FaultSuite.scenarios().get("broker-stopped-20s"), 150, 15);

        assertThat(result.accepted()).isPositive();
        assertThat(result.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
    }
}
