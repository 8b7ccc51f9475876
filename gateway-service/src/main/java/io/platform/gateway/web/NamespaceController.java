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
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.Requester;
import io.platform.rules.NamespaceSpecification;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Namespace intake and the namespace read model. */
@RestController
@RequestMapping("/api/v1/namespaces")
public class NamespaceController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final int MAX_PAGE_SIZE = 200;
    private static final long RETRY_AFTER_SECONDS = 5;
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
    public ResponseEntity<AcceptedRequest> create(@RequestBody NamespaceSpecification body, Caller caller,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        if (idempotencyKey != null && !KEY_FORMAT.matcher(idempotencyKey).matches()) {
            throw new ValidationProblem(List.of(new FieldError(IDEMPOTENCY_KEY, "pattern",
                    "must be 1 to 128 visible ASCII characters")), true);
        }
        IntakeOutcome outcome;
        try {
            outcome = intake.submit(requester(caller), body, idempotencyKey);
        } catch (PublicationFailedException e) {
            log.warn("request for namespace {} not accepted: {}", body.name(), e.getMessage());
            throw ProblemException.unavailable("the request could not be recorded; retry with the same "
                    + IDEMPOTENCY_KEY, RETRY_AFTER_SECONDS);
        }
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create("/api/v1/requests/" + accepted.request().requestId()))
                    .body(new AcceptedRequest(accepted.request().requestId(), accepted.request().name(),
                            accepted.request().status()));
        }
        throw problem(outcome);
    }

    private static ProblemException problem(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Invalid invalid) {
            return new ValidationProblem(invalid.violations());
        }
        if (outcome instanceof IntakeOutcome.NotTeamMember notMember) {
            return ProblemException.forbidden("the caller is not a member of team '" + notMember.team() + "'");
        }
        if (outcome instanceof IntakeOutcome.NameTaken taken) {
            return ProblemException.conflict("namespace '" + taken.name() + "' already exists (" + taken.status() + ")")
                    .with("name", taken.name()).with("namespaceStatus", taken.status().name());
        }
        if (outcome instanceof IntakeOutcome.KeyReused reused) {
            return ProblemException.conflict(IDEMPOTENCY_KEY + " '" + reused.idempotencyKey()
                    + "' was already used for a different request").with("requestId", reused.requestId());
        }
        if (outcome instanceof IntakeOutcome.CatalogUnavailable) {
            return ProblemException.unavailable("the tier catalog is not loaded yet", RETRY_AFTER_SECONDS);
        }
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    /** Namespaces of the caller's teams (every team for admins), optionally of one team and one status. */
    @GetMapping
    @PreAuthorize("hasAuthority('namespace:read')")
    public NamespaceView.Page list(Caller caller, @RequestParam(required = false) String team,
                                   @RequestParam(required = false) LifecycleStatus status,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationProblem(List.of(new FieldError(page < 0 ? "page" : "size", "size",
                    page < 0 ? "must be 0 or more" : "must be between 1 and " + MAX_PAGE_SIZE)), true);
        }
        Set<String> teams;
        if (team != null) {
            if (!caller.canActFor(team)) {
                throw ProblemException.forbidden("the caller is not a member of team '" + team + "'");
            }
            teams = Set.of(team);
        } else {
            teams = caller.isAdmin() ? null : caller.teams();
        }
        List<NamespaceView> items = readModel.listNamespaces(new NamespaceFilter(teams, status, page * size, size))
                .stream().map(NamespaceView::of).collect(Collectors.toList());
        return new NamespaceView.Page(items, page, size);
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasAuthority('namespace:read')")
    public NamespaceView get(@PathVariable String name, Caller caller) {
        Namespace namespace = readModel.findNamespace(name)
                .orElseThrow(() -> ProblemException.notFound("namespace '" + name + "'"));
        if (!caller.canActFor(namespace.team())) {
            throw ProblemException.forbidden("namespace '" + name + "' belongs to another team");
        }
        return NamespaceView.of(namespace);
    }

    static Requester requester(Caller caller) {
        return new Requester(caller.subject(), caller.teams(), caller.isAdmin());
    }
}
