package io.consoul.model;

import io.consoul.ConsoulException;

/** No configured provider serves the requested model name. */
public final class ModelNotAvailableException extends ConsoulException {
    private final String model;

    ModelNotAvailableException(String model) {
        super("Model not available");
        this.model = model;
    }

    public String model() {
        return model;
    }
}
