package io.platform.catalog.domain;

/** The request is valid but the current state forbids it (name taken, instance being deleted...). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
