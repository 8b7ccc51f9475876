package io.platform.provisioning.messaging;

/** The catalog replica has not loaded yet: the request is retried rather than judged against an empty catalog. */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException(String message) {
        super(message);
    }
}
