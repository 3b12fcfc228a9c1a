package io.consoul.local;

import io.consoul.client.ConsoulClient;
import io.consoul.client.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./local-deploy up|down|status|switch|outputs}: the local stack from a shell. The work dir (pids, ports, logs)
 * is {@code $CONSOUL_LOCAL_DIR}, default {@code /tmp/consoul-local}, so any shell can stop or switch it.
 */
public final class LocalDeploy {
    private LocalDeploy() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(List.of(args)));
        } catch (RuntimeException e) {
            System.err.println("local-deploy: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(List<String> args) {
        Path repo = Path.of(System.getProperty("consoul.repo", ".")).toAbsolutePath().normalize();
        Path workDir = LocalStack.defaultWorkDir();
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.size() > 1 ? args.subList(1, args.size()) : List.of();
        switch (command) {
            case "up" -> {
                StackOptions.Builder options = StackOptions.builder(workDir, repo.resolve("app/target/consoul-app-exec.jar"));
                for (int i = 0; i < rest.size(); i++) {
                    switch (rest.get(i)) {
                        case "--cluster" -> options.cluster(true);
                        case "--env" -> {
                            String[] kv = rest.get(++i).split("=", 2);
                            options.env(kv[0], kv[1]);
                        }
                        default -> throw new IllegalArgumentException("unknown option " + rest.get(i) + " (up [--cluster] [--env NAME=VALUE]…)");
                    }
                }
                System.out.println("starting Redis, 2 blue + 1 green app processes and HAProxy (state in " + workDir + ") …");
                LocalStack stack = LocalStack.up(options.build());
                System.out.print(stack.status());
                System.out.println("\ntry: curl -s " + stack.url() + "/chat -H 'Content-Type: application/json' -d '{\"session_id\":\"s1\",\"message\":\"hello\"}'");
                System.out.println("stop: ./local-deploy down");
            }
            case "down" -> {
                if (!LocalStack.exists(workDir)) {
                    System.out.println("no local stack in " + workDir);
                    return 0;
                }
                LocalStack.attach(workDir).down();
                System.out.println("stopped the local stack in " + workDir);
            }
            case "status" -> System.out.print(LocalStack.attach(workDir).status());
            case "outputs" -> LocalStack.attach(workDir).outputs().forEach((k, v) -> System.out.println(k + "=" + v));
            case "switch" -> {
                LocalStack stack = LocalStack.attach(workDir);
                Color target = rest.isEmpty() ? stack.activeColor().other() : Color.parse(rest.get(0));
                return switchTo(stack, target, System.getenv("CONSOUL_API_KEY")) ? 0 : 1;
            }
            default -> {
                System.out.println("""
                        usage: ./local-deploy up [--cluster] [--env NAME=VALUE]…   start Redis, 3 app JVMs, HAProxy
                               ./local-deploy status                              outputs, instances, HAProxy's view
                               ./local-deploy switch [blue|green]                 smoke-test the idle colour, then make it live
                               ./local-deploy outputs                             url, previewUrl, activeColor, … (name=value)
                               ./local-deploy down                                stop everything
                               ./local-deploy faults                              the fault suite → docs/fault-results.md""");
                return command.equals("help") ? 0 : 2;
            }
        }
        return 0;
    }

    /**
     * The clouds' switch, locally: smoke-test {@code target} through the preview URL ({@code /health} reports its
     * version, {@code /ready}, one {@code /chat}), refuse if anything fails, switch, then check production serves it.
     */
    static boolean switchTo(LocalStack stack, Color target, String apiKey) {
        if (target == stack.activeColor()) {
            System.out.println(target.label() + " is already live: nothing to do.");
            return true;
        }
        ConsoulClient preview = ConsoulClient.builder(stack.previewUrl()).apiKey(apiKey).retry(RetryPolicy.NONE)
                .requestTimeout(Duration.ofSeconds(10)).build();
        List<String> failures = new ArrayList<>();
        String expected = stack.version(target);
        check(failures, "preview /health reports " + expected, () -> expected.equals(preview.health().version()));
        check(failures, "preview /ready", () -> preview.ready().ready());
        check(failures, "preview /chat", () -> preview.chat("smoke-" + System.nanoTime(), "smoke test").response() != null);
        if (!failures.isEmpty()) {
            System.out.println("refused to switch to " + target.label() + ": " + failures + "; nothing was changed");
            return false;
        }
        stack.activate(target);
        System.out.println("ok   production → " + target.label() + " (HAProxy runtime API: set map)");
        String served = ConsoulClient.builder(stack.url()).retry(RetryPolicy.NONE).build().health().version();
        boolean verified = expected.equals(served);
        System.out.println((verified ? "ok   " : "FAIL ") + stack.url() + " serves " + served);
        System.out.println(target.label() + " is live, " + target.other().label() + " is idle on " + stack.previewUrl()
                + " (rollback: ./local-deploy switch " + target.other().label() + ")");
        return verified;
    }

    private interface Check {
        boolean passes();
    }

    private static void check(List<String> failures, String name, Check check) {
        boolean passed;
        String why = "";
        try {
            passed = check.passes();
        } catch (RuntimeException e) {
            passed = false;
            why = " (" + e.getMessage() + ")";
        }
        System.out.println((passed ? "ok   " : "FAIL ") + name + why);
        if (!passed) failures.add(name + why);
    }
}
