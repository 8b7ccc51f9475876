package io.platform.audit.web;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditQuery;
import io.platform.audit.domain.AuditTrail;
import io.platform.common.web.ValidationProblem;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Searches the audit trail. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditEventsController {

    private final AuditTrail trail;
    private final JsonMapper json;

    public AuditEventsController(AuditTrail trail, JsonMapper json) {
        this.trail = trail;
        this.json = json;
    }

    /** Stored events matching every given filter, the oldest first. Role {@code audit:read} (or admin). */
    @GetMapping("/events")
    @PreAuthorize("hasAuthority('audit:read')")
    public AuditEventsResponse events(@RequestParam(required = false) String namespace,
                                      @RequestParam(required = false) String requestId,
                                      @RequestParam(required = false) String type,
                                      @RequestParam(required = false) String actor,
                                      @RequestParam(required = false) Integer limit) {
        AuditQuery query;
        try {
            query = AuditQuery.of(namespace, requestId, type, actor, limit);
        } catch (AuditQuery.InvalidAuditQuery invalid) {
            throw new ValidationProblem(invalid.violations());
        }
        List<AuditEventView> items = trail.search(query).stream().map(this::view).toList();
        return new AuditEventsResponse(items, items.size());
    }

    private AuditEventView view(AuditEvent event) {
        return new AuditEventView(event.eventId(), event.type(), event.topic(), event.partition(), event.offset(),
                event.namespace(), event.requestId(), event.actor(), event.source(), event.occurredAt(),
                event.recordedAt(), event.outcome().value(), json.readTree(event.payload()));
    }

    public record AuditEventsResponse(List<AuditEventView> items, int count) {
    }

    public record AuditEventView(String eventId, String type, String topic, int partition, long offset, String namespace,
                                 String requestId, String actor, String source, Instant occurredAt, Instant recordedAt,
                                 String outcome, JsonNode payload) {
    }
}
