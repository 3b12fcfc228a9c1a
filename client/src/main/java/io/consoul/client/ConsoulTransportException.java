package io.consoul.client;

/** No usable answer: connection refused or reset, timeout, or a body that is not the contract's JSON. */
public class ConsoulTransportException extends RuntimeException {
    public ConsoulTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
