package io.platform.rbac.web;

import io.platform.common.security.Caller;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.RoleRules;
import io.platform.rbac.messaging.AccessService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Custom roles (role {@code rbac:admin}, or {@code admin}): a namespaced {@code Role} in a namespace the platform
 * manages, or a {@code ClusterRole}. Rules are checked against the known verbs, API groups and resources; every
 * violation is a field error. Each change publishes {@code RoleCreated} or {@code RoleDeleted}.
 */
@RestController
@RequestMapping("/api/v1/rbac/roles")
@PreAuthorize("hasAuthority('rbac:admin')")
public class RolesController {

    private final AccessService access;

    public RolesController(AccessService access) {
        this.access = access;
    }

    /** A role to create. */
    public record RoleRequest(String kind, String name, String namespace, String description, List<RuleBody> rules) {
    }

    /** New rules (and description) of a role. */
    public record RoleUpdate(String description, List<RuleBody> rules) {
    }

    /** One rule as the API takes it. */
    public record RuleBody(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames) {
        AccessRule toRule() {
            return new AccessRule(apiGroups, resources, verbs, resourceNames);
        }
    }

    /** The answer of a change: the role and the request id its event carries. */
    public record RoleChange(String requestId, RoleView role) {
    }

    /** {@code {"items": [...]}}. */
    public record RoleList(List<RoleView> items) {
    }

    @PostMapping
    public ResponseEntity<RoleChange> create(@RequestBody RoleRequest request, Caller caller) {
        AccessService.Change<io.platform.rbac.domain.CustomRole> change = AccessProblems.call(() -> access.createRole(
                request.kind(), request.name(), request.namespace(), request.description(), rules(request.rules()),
                caller.subject()));
        return ResponseEntity.created(URI.create("/api/v1/rbac/roles/" + change.value().id()))
                .body(new RoleChange(change.requestId(), RoleView.of(change.value())));
    }

    @GetMapping
    public RoleList list(@RequestParam(required = false) String namespace, @RequestParam(required = false) String kind) {
        List<FieldError> errors = new ArrayList<>();
        if (namespace != null && !RoleRules.NAMESPACE.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "pattern", "must be a DNS-1123 label"));
        }
        if (kind != null && RoleKind.fromValue(kind).isEmpty()) {
            errors.add(new FieldError("kind", "pattern", "must be Role or ClusterRole"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        return new RoleList(access.roles(namespace, kind == null ? null : RoleKind.fromValue(kind).orElseThrow())
                .stream().map(RoleView::of).toList());
    }

    @GetMapping("/{id}")
    public RoleView get(@PathVariable String id) {
        return access.role(id).map(RoleView::of)
                .orElseThrow(() -> io.platform.common.web.ProblemException.notFound("role " + id));
    }

    @PutMapping("/{id}")
    public RoleChange update(@PathVariable String id, @RequestBody RoleUpdate update, Caller caller) {
        AccessService.Change<io.platform.rbac.domain.CustomRole> change = AccessProblems.call(() ->
                access.updateRole(id, update.description(), rules(update.rules()), caller.subject()));
        return new RoleChange(change.requestId(), RoleView.of(change.value()));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, Caller caller) {
        AccessProblems.call(() -> access.deleteRole(id, caller.subject()));
        return ResponseEntity.noContent().build();
    }

    private static List<AccessRule> rules(List<RuleBody> rules) {
        return rules == null ? null : rules.stream().map(rule -> rule == null ? null : rule.toRule()).toList();
    }
}
