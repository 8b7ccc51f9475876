package io.platform.common.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link Caller} of the current request. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static Optional<Caller> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getDetails() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    public static Caller get() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated platform caller"));
    }
}
