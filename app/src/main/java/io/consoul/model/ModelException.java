package io.consoul.model;

/** A model call failed ({@code timeout} false) or took too long ({@code timeout} true). */
public class ModelException extends RuntimeException {
    private final boolean timeout;

    public ModelException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean timeout() {
        return timeout;
    }
}
