package io.platform.gateway.domain;

/** A request could not be put on the request topic (broker unreachable, no acknowledgement in time, schema missing). */
public class PublicationFailedException extends RuntimeException {

    public PublicationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
