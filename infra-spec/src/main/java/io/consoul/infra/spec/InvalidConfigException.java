package io.consoul.infra.spec;

import java.util.List;

/**
 * Stack config that cannot be deployed. Thrown before any resource is declared; each problem names the key, the
 * value and what is allowed.
 */
public class InvalidConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("Invalid Consoul stack config:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
