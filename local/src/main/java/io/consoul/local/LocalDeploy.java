package io.consoul.local;

import java.nio.file.Path;
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
            case "status" -> {
                if (rest.equals(List.of("--format", "json"))) System.out.println(LocalStack.attach(workDir).statusJson());
                else if (rest.isEmpty()) System.out.print(LocalStack.attach(workDir).status());
                else throw new IllegalArgumentException("unknown option " + rest + " (status [--format json])");
            }
            case "scale" -> {
                if (rest.size() != 2 || !rest.get(1).matches("\\d+")) {
                    throw new IllegalArgumentException("usage: ./local-deploy scale <blue|green> <instances>");
                }
                LocalStack stack = LocalStack.attach(workDir);
                Color color = Color.parse(rest.get(0));
                stack.scale(color, Integer.parseInt(rest.get(1)));
                System.out.println(color.label() + ": " + stack.instances(color) + " instance(s), " + stack.ready(color) + " ready");
            }
            case "outputs" -> LocalStack.attach(workDir).outputs().forEach((k, v) -> System.out.println(k + "=" + v));
            default -> {
                System.out.println("""
                        usage: ./local-deploy up [--cluster] [--env NAME=VALUE]…   start Redis, 3 app JVMs, HAProxy
                               ./local-deploy status [--format json]              outputs, instances, HAProxy's view
                               ./local-deploy scale <blue|green> <n>              run n instances of a colour (1-8)
                               ./local-deploy switch [blue|green]                 = ./consoul switch local [--to …]: pre-scale, smoke test, warm up, switch
                               ./local-deploy outputs                             url, previewUrl, activeColor, … (name=value)
                               ./local-deploy down                                stop everything
                               ./local-deploy faults                              the fault suite → docs/fault-results.md""");
                return command.equals("help") ? 0 : 2;
            }
        }
        return 0;
    }
}
