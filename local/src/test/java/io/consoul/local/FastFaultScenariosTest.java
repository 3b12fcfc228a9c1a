package io.consoul.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.local.faults.ScenarioResult;
import io.consoul.local.faults.Scenarios;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault scenarios that fit in CI (about three minutes with the stack's start), against real processes through
 * HAProxy. Each asserts the scenario's rules; the slow ones are in {@link SlowFaultScenariosTest}.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FastFaultScenariosTest {
    private final Scenarios scenarios = new Scenarios(SharedStack.get(), false);

    @Test
    @Order(1)
    void rateLimitThroughHaproxyIsExactlyTheLimitAcrossThreeInstances() {
        assertRulesHeld(scenarios.rateLimit());
    }

    @Test
    @Order(2)
    void blueGreenSwitchMidLoadFailsNothingAndSessionsContinueOnTheNewColour() {
        assertRulesHeld(scenarios.blueGreenSwitch());
    }

    @Test
    @Order(3)
    void rollingRestartWithSigtermFailsNoRequestAndLosesNoMessage() {
        assertRulesHeld(scenarios.rollingRestart());
    }

    @Test
    @Order(4)
    void sigkillOfOneInstanceLosesNoAcknowledgedMessage() {
        assertRulesHeld(scenarios.sigkill());
    }

    static void assertRulesHeld(ScenarioResult result) {
        System.out.println(result);
        assertThat(result.violations()).as(result.name() + ": " + result.notes()).isEmpty();
    }
}
