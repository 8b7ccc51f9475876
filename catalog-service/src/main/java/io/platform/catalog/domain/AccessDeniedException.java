package io.platform.catalog.domain;

/** The caller may not act on this namespace (not a member of its team). */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
