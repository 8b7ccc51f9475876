package io.platform.rbac.web;

import io.platform.common.security.Caller;
import io.platform.common.web.FieldError;
import io.platform.common.web.ProblemException;
import io.platform.common.web.ValidationProblem;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.RoleRules;
import io.platform.rbac.messaging.AccessService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role assignments (role {@code rbac:admin}, or {@code admin}): a user or group gets a role in a namespace the platform
 * manages, through a RoleBinding. Assigning the same role to the same subject again answers the existing assignment
 * (200). Each change publishes {@code RoleAssigned} or {@code RoleRevoked}.
 */
@RestController
@RequestMapping("/api/v1/rbac/assignments")
@PreAuthorize("hasAuthority('rbac:admin')")
public class AssignmentsController {

    private final AccessService access;

    public AssignmentsController(AccessService access) {
        this.access = access;
    }

    /** An assignment to make. */
    public record AssignmentRequest(String namespace, AssignmentView.Ref role, AssignmentView.Ref subject) {
    }

    /** The answer of a change. */
    public record AssignmentChange(String requestId, AssignmentView assignment) {
    }

    /** {@code {"items": [...]}}. */
    public record AssignmentList(List<AssignmentView> items) {
    }

    @PostMapping
    public ResponseEntity<AssignmentChange> assign(@RequestBody AssignmentRequest request, Caller caller) {
        AssignmentView.Ref role = request.role() == null ? new AssignmentView.Ref(null, null) : request.role();
        AssignmentView.Ref subject = request.subject() == null ? new AssignmentView.Ref(null, null) : request.subject();
        AccessService.Change<Assignment> change = AccessProblems.call(() -> access.assign(request.namespace(), role.kind(),
                role.name(), subject.kind(), subject.name(), caller.subject()));
        AssignmentChange body = new AssignmentChange(change.requestId(), AssignmentView.of(change.value()));
        return change.created()
                ? ResponseEntity.created(URI.create("/api/v1/rbac/assignments/" + change.value().id())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping
    public AssignmentList list(@RequestParam(required = false) String namespace) {
        if (namespace != null && !RoleRules.NAMESPACE.matcher(namespace).matches()) {
            throw new ValidationProblem(List.of(new FieldError("namespace", "pattern", "must be a DNS-1123 label")), true);
        }
        return new AssignmentList(access.assignments(namespace).stream().map(AssignmentView::of).toList());
    }

    @GetMapping("/{id}")
    public AssignmentView get(@PathVariable String id) {
        return access.assignments(null).stream().filter(a -> a.id().equals(id)).findFirst().map(AssignmentView::of)
                .orElseThrow(() -> ProblemException.notFound("assignment " + id));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id, Caller caller) {
        AccessProblems.call(() -> access.revoke(id, caller.subject()));
        return ResponseEntity.noContent().build();
    }
}
