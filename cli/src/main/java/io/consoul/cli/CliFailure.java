package io.consoul.cli;

/** A failure the user can act on: its message is the one line {@code consoul} prints before exiting non-zero. */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(String message) {
        this(message, 1);
    }

    public CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
