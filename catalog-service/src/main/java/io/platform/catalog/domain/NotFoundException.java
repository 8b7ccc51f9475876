package io.platform.catalog.domain;

/** Something the request names does not exist. */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what) {
        super(what + " does not exist");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
