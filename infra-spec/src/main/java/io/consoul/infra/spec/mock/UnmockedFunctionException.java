package io.consoul.infra.spec.mock;

/** A program called a provider function the mocks do not answer: a silent null would hide a wrong program. */
public class UnmockedFunctionException extends IllegalStateException {
    public UnmockedFunctionException(String token) {
        super("Unmocked provider function '" + token + "': add an answer with ConsoulMocks.builder().function(\""
                + token + "\", args -> Map.of(...))");
    }
}
