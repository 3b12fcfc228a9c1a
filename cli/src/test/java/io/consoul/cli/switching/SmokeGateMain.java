package io.consoul.cli.switching;

/**
 * The smoke gate alone, in a JVM of its own: the HTTPS test gives that JVM a hosts file and a trust store (JDK-wide
 * settings a test cannot change inside its own JVM). Prints each check, exits 0 when the gate passed.
 */
public final class SmokeGateMain {
    private SmokeGateMain() {
    }

    public static void main(String[] args) {
        SmokeGate.Result result = SmokeGate.check(args[0], args[1], null);
        result.checks().forEach(c -> System.out.println((c.passed() ? "PASS " : "FAIL ") + c.name() + ": " + c.detail()));
        System.exit(result.passed() ? 0 : 1);
    }
}
