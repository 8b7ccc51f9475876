package io.platform.gateway.domain;

/** Another writer inserted the same request or namespace first; the unit of work is retried from the start. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
