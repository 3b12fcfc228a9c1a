package io.consoul.cli.switching;

import io.consoul.cli.Cli;
import io.consoul.local.LocalStack;
import io.consoul.local.faults.FaultStack;
import io.consoul.local.faults.ScenarioResult;
import io.consoul.local.faults.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * On demand, a measurement (prints figures, rules on nothing): the fault suite's pre-scaled switch under load, with
 * the warm-up off and with its default, alternately on one stack, so both are measured on the same machine in the
 * same minutes.
 * <pre>./mvnw -q -pl cli -am verify -Dtest=WarmUpEffectMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dconsoul.measure=true</pre>
 */
@EnabledIfSystemProperty(named = "consoul.measure", matches = "true")
@Timeout(3600)
class WarmUpEffectMeasurement {

    @Test
    void p99AroundTheMoveWithAndWithoutTheWarmUp() throws Exception {
        Path dir = Files.createTempDirectory("consoul-warm-up-effect");
        Path jar = Cli.repositoryRoot().resolve("app/target/consoul-app-exec.jar");
        int rounds = Integer.getInteger("consoul.measure.rounds", 2);
        try (LocalStack stack = LocalStack.up(FaultStack.options(dir, jar, false))) {
            for (int round = 1; round <= rounds; round++) {
                for (String warmUp : new String[] {"0", Integer.toString(WarmUp.DEFAULT_REQUESTS_PER_INSTANCE)}) {
                    ScenarioResult result = new Scenarios(stack.reload(), false).preScaledSwitch(() -> {
                        Cli.Result r = Cli.run("switch", "local", "--local-dir", dir.toString(), "--scale-down-delay", "15s",
                                "--poll-interval", "1", "--smoke-api-key", FaultStack.LOAD_KEY, "--warm-up", warmUp);
                        if (r.exitCode() != 0) {
                            throw new IllegalStateException(r.out() + r.err());
                        }
                    });
                    System.out.printf("MEASURED round %d, --warm-up %s: %s%n  %s%n", round, warmUp,
                            result.violations().isEmpty() ? "rules held" : result.violations(), result.notes());
                }
            }
        }
    }
}
