package io.platform.catalog.domain;

/** A template version was published twice: versions are immutable, publish a new one. */
public class VersionExistsException extends RuntimeException {

    public VersionExistsException(String name, String version) {
        super("template " + name + "@" + version + " exists already; versions are immutable, publish a new version");
    }
}
