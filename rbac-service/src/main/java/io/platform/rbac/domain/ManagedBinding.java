package io.platform.rbac.domain;

import java.time.Instant;
import java.util.Objects;

/** A binding rbac-service wrote and keeps a record of. */
public record ManagedBinding(TeamBinding binding, Instant createdAt, Instant updatedAt) {

    public ManagedBinding {
        Objects.requireNonNull(binding);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }
}
