package io.platform.gateway.web;

import io.platform.common.security.Caller;
import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ValidationProblem;
import io.platform.gateway.domain.IntakeOutcome;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceFilter;
import io.platform.gateway.domain.NamespaceIntake;
import io.platform.gateway.domain.NamespacePage;
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.Requester;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Namespace intake (create, update, delete: each answered 202 once the request is on the request topic) and the
 * namespace read model. Another team's namespace is answered 404, exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/namespaces")
@Tag(name = "Namespaces", description = "Request, change and delete namespaces; list and read them")
public class NamespaceController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern REASON_FORMAT = Pattern.compile("[^\\p{Cntrl}\\p{Cf}]{0,512}");
    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final int MAX_PAGE_SIZE = 200;
    static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

    private final NamespaceIntake intake;
    private final ReadModel readModel;

    public NamespaceController(NamespaceIntake intake, ReadModel readModel) {
        this.intake = intake;
        this.readModel = readModel;
    }

    /**
     * Asks for a new namespace. 202 once the request is stored and on the request topic; 400 with every violated rule;
     * 403 for another team's namespace; 409 when the name is taken; 503 (retry with the same Idempotency-Key) when
     * the catalog is not loaded yet or the request could not be published.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('namespace:create')")
    @Operation(summary = "Request a new namespace", description = "202 once the request is durably on the request "
            + "topic; follow it at the Location. 400 lists every violated rule, 403 another team, 409 a taken name, "
            + "503 (with Retry-After) not accepted: retry with the same Idempotency-Key.")
    public ResponseEntity<AcceptedRequest> create(@RequestBody NamespaceSpecification body, Caller caller,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        return answer(body.name(), () -> intake.submit(requester(caller), body, idempotencyKey));
    }

    /** Changes tier, network policy, features, description or cost center of a READY namespace of the caller's team. */
    @PatchMapping(path = "/{name}", consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    @PreAuthorize("hasAuthority('namespace:update')")
    @Operation(summary = "Change a namespace", description = "Fields left out (or null) stay as they are. 202 once "
            + "NamespaceUpdateRequested is on the request topic (namespace status UPDATING); 400 invalid change, "
            + "404 no such namespace of the caller's teams, 409 the namespace is not READY (link to the open request).")
    public ResponseEntity<AcceptedRequest> update(@PathVariable String name, @RequestBody NamespaceChanges changes,
                                                  Caller caller,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        return answer(name, () -> intake.update(requester(caller), name, changes, idempotencyKey));
    }

    /** Deletes a READY namespace of the caller's team; production namespaces need the admin role. */
    @DeleteMapping("/{name}")
    @PreAuthorize("hasAuthority('namespace:delete')")
    @Operation(summary = "Delete a namespace", description = "202 once NamespaceDeletionRequested is on the request "
            + "topic (namespace status DELETING); 403 a production namespace without the admin role, 404 no such "
            + "namespace of the caller's teams, 409 the namespace is not READY.")
    public ResponseEntity<AcceptedRequest> delete(@PathVariable String name, Caller caller,
                                                  @Parameter(description = "why, for the audit trail (at most 512 characters)")
                                                  @RequestParam(required = false) String reason,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        if (reason != null && !REASON_FORMAT.matcher(reason).matches()) {
            throw new ValidationProblem(List.of(new FieldError("reason", "pattern",
                    "must be at most 512 characters without control characters")), true);
        }
        return answer(name, () -> intake.delete(requester(caller), name, reason, idempotencyKey));
    }

    private ResponseEntity<AcceptedRequest> answer(String name, Supplier<IntakeOutcome> submission) {
        IntakeOutcome outcome;
        try {
            outcome = submission.get();
        } catch (PublicationFailedException e) {
            log.warn("request for namespace {} not accepted: {}", name, e.getMessage());
            throw ProblemException.unavailable("the request could not be recorded; retry with the same "
                    + IDEMPOTENCY_KEY, RETRY_AFTER_SECONDS);
        }
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create(RequestController.PATH + accepted.request().requestId()))
                    .body(new AcceptedRequest(accepted.request().requestId(), accepted.request().name(),
                            accepted.request().type(), accepted.request().status()));
        }
        throw problem(outcome);
    }

    private static void checkKey(String idempotencyKey) {
        if (idempotencyKey != null && !KEY_FORMAT.matcher(idempotencyKey).matches()) {
            throw new ValidationProblem(List.of(new FieldError(IDEMPOTENCY_KEY, "pattern",
                    "must be 1 to 128 visible ASCII characters")), true);
        }
    }

    private static ProblemException problem(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Invalid invalid) {
            return new ValidationProblem(invalid.violations());
        }
        if (outcome instanceof IntakeOutcome.NotTeamMember notMember) {
            return ProblemException.forbidden("the caller is not a member of team '" + notMember.team() + "'");
        }
        if (outcome instanceof IntakeOutcome.NotFound notFound) {
            return ProblemException.notFound("namespace '" + notFound.name() + "'");
        }
        if (outcome instanceof IntakeOutcome.NotAllowed notAllowed) {
            return ProblemException.forbidden(notAllowed.reason());
        }
        if (outcome instanceof IntakeOutcome.NameTaken taken) {
            return links(ProblemException.conflict("namespace '" + taken.name() + "' already exists (" + taken.status() + ")")
                    .with("name", taken.name()).with("namespaceStatus", taken.status().name()), taken.name(),
                    taken.openRequestId());
        }
        if (outcome instanceof IntakeOutcome.NotChangeable busy) {
            String detail = busy.openRequestId() != null
                    ? "namespace '" + busy.name() + "' is " + busy.status() + ": wait until its open request is answered"
                    : "namespace '" + busy.name() + "' is " + busy.status() + " and cannot be changed";
            return links(ProblemException.conflict(detail).with("name", busy.name())
                    .with("namespaceStatus", busy.status().name()), busy.name(), busy.openRequestId());
        }
        if (outcome instanceof IntakeOutcome.KeyReused reused) {
            return ProblemException.conflict(IDEMPOTENCY_KEY + " '" + reused.idempotencyKey()
                    + "' was already used for a different request").with("requestId", reused.requestId())
                    .with("request", RequestController.PATH + reused.requestId());
        }
        if (outcome instanceof IntakeOutcome.CatalogUnavailable) {
            return ProblemException.unavailable("the tier catalog is not loaded yet", RETRY_AFTER_SECONDS);
        }
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    /** A 409 links to the namespace that holds the name and to the request still working on it. */
    private static ProblemException links(ProblemException conflict, String name, String openRequestId) {
        conflict.with("namespace", "/api/v1/namespaces/" + name);
        if (openRequestId != null) {
            conflict.with("requestId", openRequestId).with("request", RequestController.PATH + openRequestId);
        }
        return conflict;
    }

    /** Namespaces of the caller's teams (every team for admins), filtered, one page at a time, with the total. */
    @GetMapping
    @PreAuthorize("hasAuthority('namespace:read')")
    @Operation(summary = "List namespaces", description = "Only the caller's teams (every team for admins); a team "
            + "filter outside them matches nothing. Ordered by name.")
    public NamespaceView.Page list(Caller caller, @RequestParam(required = false) String team,
                                   @RequestParam(required = false) String environment,
                                   @RequestParam(required = false) String tier,
                                   @RequestParam(required = false) LifecycleStatus status,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "size", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            errors.add(new FieldError("page", "size", "is too large"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        Set<String> teams;
        if (team != null) {
            teams = caller.canActFor(team) ? Set.of(team) : Set.of();
        } else {
            teams = caller.isAdmin() ? null : new HashSet<>(caller.teams());
        }
        NamespacePage found = readModel.listNamespaces(new NamespaceFilter(teams, blankToNull(environment),
                blankToNull(tier), status, page * size, size));
        return new NamespaceView.Page(found.items().stream().map(NamespaceView::of).toList(), page, size, found.total());
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasAuthority('namespace:read')")
    @Operation(summary = "Read a namespace", description = "404 also for another team's namespace.")
    public NamespaceView get(@PathVariable String name, Caller caller) {
        Namespace namespace = readModel.findNamespace(name)
                .filter(found -> caller.canActFor(found.team()))
                .orElseThrow(() -> ProblemException.notFound("namespace '" + name + "'"));
        return NamespaceView.of(namespace);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Requester requester(Caller caller) {
        return new Requester(caller.subject(), caller.teams(), caller.isAdmin());
    }
}
