package io.platform.provisioning.instances.domain;

/** The catalog replica is still empty (start-up): the record is retried, not refused. */
public class CatalogNotLoadedException extends RuntimeException {

    public CatalogNotLoadedException(String message) {
        super(message);
    }
}
