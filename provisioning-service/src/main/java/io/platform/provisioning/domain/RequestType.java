package io.platform.provisioning.domain;

/** What a request asks for: a new namespace, a day-2 change of one, or its deletion. */
public enum RequestType {
    CREATE,
    UPDATE,
    DELETE
}
