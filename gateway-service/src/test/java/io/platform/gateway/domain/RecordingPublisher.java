package io.platform.gateway.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what would be published; fails every publish while {@link #failing} is set. */
public final class RecordingPublisher implements RequestPublisher {

    /** One published request: its type, request id, namespace name, and the spec, changes or deletion reason. */
    public record Published(RequestType type, String requestId, String name, Object payload, String actor,
                            Instant occurredAt) {
    }

    public final List<Published> published = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    @Override
    public void publishRequested(String requestId, NamespaceSpecification spec, String actor, Instant occurredAt) {
        record(new Published(RequestType.CREATE, requestId, spec.name(), spec, actor, occurredAt));
    }

    @Override
    public void publishUpdateRequested(String requestId, String name, NamespaceChanges changes, String actor,
                                       Instant occurredAt) {
        record(new Published(RequestType.UPDATE, requestId, name, changes, actor, occurredAt));
    }

    @Override
    public void publishDeletionRequested(String requestId, String name, String reason, String actor, Instant occurredAt) {
        record(new Published(RequestType.DELETE, requestId, name, reason, actor, occurredAt));
    }

    private void record(Published event) {
        if (failing) {
            throw new PublicationFailedException("broker unavailable", null);
        }
        published.add(event);
    }
}
