package io.platform.rbac.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What rbac-service did about one {@code NamespaceProvisioned} event, kept under the event's id: the answer it
 * publishes, and publishes again after a crash, is rebuilt from it.
 *
 * @param eventId    the handled event
 * @param applied    whether the binding is in place ({@code RbacApplied}) or was refused ({@code RbacFailed})
 * @param reason     why it was refused; {@code null} when applied
 * @param decidedAt  when it was decided, the answer's {@code occurredAt}
 * @param published  whether the answer was acknowledged by the broker
 */
public record BindingOutcome(String eventId, String actor, TeamBinding binding, boolean applied, String reason,
                             Instant decidedAt, boolean published) {

    public BindingOutcome {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(binding);
        Objects.requireNonNull(decidedAt);
        if (!applied && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a refused binding needs a reason");
        }
    }

    public static BindingOutcome applied(String eventId, String actor, TeamBinding binding, Instant now) {
        return new BindingOutcome(eventId, actor, binding, true, null, now, false);
    }

    public static BindingOutcome refused(String eventId, String actor, TeamBinding binding, String reason, Instant now) {
        return new BindingOutcome(eventId, actor, binding, false, reason, now, false);
    }
}
