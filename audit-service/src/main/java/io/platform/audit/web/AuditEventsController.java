package io.platform.audit.web;

import io.platform.audit.domain.AuditCursor;
import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditQuery;
import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.AuditTrail;
import io.platform.audit.domain.ChainVerifier;
import io.platform.audit.domain.HashChain;
import io.platform.common.web.ValidationProblem;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Searches, exports and verifies the audit trail. Role {@code audit:read} (or admin). */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditEventsController {

    public static final String JSON_LINES = "application/jsonl";
    private static final int EXPORT_PAGE = 1000;

    private final AuditTrail trail;
    private final JsonMapper json;
    private final TransactionTemplate snapshot;

    public AuditEventsController(AuditTrail trail, JsonMapper json, PlatformTransactionManager transactionManager) {
        this.trail = trail;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Stored events matching every given filter, the oldest first (by occurredAt, then insertion order), one page at a
     * time: pass {@code nextCursor} as {@code cursor} to get the next page; it is null on the last page.
     */
    @GetMapping("/events")
    @PreAuthorize("hasAuthority('audit:read')")
    public AuditEventsResponse events(@RequestParam(required = false) String namespace,
                                      @RequestParam(required = false) String team,
                                      @RequestParam(required = false) String requestId,
                                      @RequestParam(required = false) String type,
                                      @RequestParam(required = false) String actor,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String outcome,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit) {
        AuditQuery query = query(new AuditQuery.Parameters(namespace, team, requestId, type, actor, from, to, outcome,
                cursor, limit));
        AuditTrail.AuditPage page = trail.search(query);
        List<AuditEventView> items = page.items().stream().map(this::view).toList();
        return new AuditEventsResponse(items, items.size(), page.nextCursor());
    }

    /**
     * Every event matching the filters as JSON Lines (one event per line, same fields as {@code items} of
     * {@code /events}), streamed page by page; {@code limit} is the page size used internally.
     */
    @GetMapping(path = "/events/export", produces = {JSON_LINES, "application/x-ndjson"})
    @PreAuthorize("hasAuthority('audit:read')")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String namespace,
                                                        @RequestParam(required = false) String team,
                                                        @RequestParam(required = false) String requestId,
                                                        @RequestParam(required = false) String type,
                                                        @RequestParam(required = false) String actor,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to,
                                                        @RequestParam(required = false) String outcome,
                                                        @RequestParam(required = false) String cursor) {
        AuditQuery first = query(new AuditQuery.Parameters(namespace, team, requestId, type, actor, from, to, outcome,
                cursor, EXPORT_PAGE));
        StreamingResponseBody body = (OutputStream out) -> {
            AuditQuery query = first;
            while (true) {
                AuditTrail.AuditPage page = trail.search(query);
                for (AuditRecord record : page.items()) {
                    out.write(json.writeValueAsBytes(view(record)));
                    out.write('\n');
                }
                out.flush();
                if (page.nextCursor() == null) {
                    return;
                }
                query = query.after(AuditCursor.decode(page.nextCursor()));
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(JSON_LINES + ";charset=" + StandardCharsets.UTF_8.name()))
                .header("Content-Disposition", "attachment; filename=\"audit-events.jsonl\"")
                .body(body);
    }

    /**
     * Re-walks every hash chain (one per source topic partition) from its archive anchor or its first row, in one
     * consistent snapshot, and reports the first row that does not link up.
     */
    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('audit:read')")
    public ChainVerifier.Verification verify() {
        return snapshot.execute(status -> trail.verify());
    }

    private static AuditQuery query(AuditQuery.Parameters parameters) {
        try {
            return AuditQuery.of(parameters);
        } catch (AuditQuery.InvalidAuditQuery invalid) {
            throw new ValidationProblem(invalid.violations());
        }
    }

    private AuditEventView view(AuditRecord record) {
        AuditEvent event = record.event();
        return new AuditEventView(event.eventId(), event.type(), event.topic(), event.partition(), event.offset(),
                event.namespace(), event.team(), event.requestId(), event.actor(), event.source(), event.occurredAt(),
                event.recordedAt(), event.outcome().value(), json.readTree(event.payload()), record.chain(), record.seq(),
                HashChain.hex(record.hash()));
    }

    public record AuditEventsResponse(List<AuditEventView> items, int count, String nextCursor) {
    }

    public record AuditEventView(String eventId, String type, String topic, int partition, long offset, String namespace,
                                 String team, String requestId, String actor, String source, Instant occurredAt,
                                 Instant recordedAt, String outcome, JsonNode payload, String chain, long seq,
                                 String hash) {
    }
}
