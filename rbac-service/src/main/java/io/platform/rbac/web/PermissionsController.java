package io.platform.rbac.web;

import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.FieldViolation;
import io.platform.rbac.domain.Permissions;
import io.platform.rbac.domain.RoleRules;
import io.platform.rbac.domain.SubjectKind;
import io.platform.rbac.messaging.AccessService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/rbac/permissions?subject=User:alice&namespace=payments-api[&groups=team-payments,oncall]}
 * (role {@code rbac:admin}, or {@code admin}): what the subject may do in the namespace through the bindings the
 * platform manages there (the team's binding and the assignments), each grant with its role's rules, and the rules
 * aggregated. A user's groups come from the identity provider, so they are given with {@code groups}. Rules of a
 * built-in ClusterRole are read from the cluster; when it does not have them (the CRUD mock has no built-in roles) the
 * grant is listed as unresolved.
 */
@RestController
public class PermissionsController {

    private final AccessService access;

    public PermissionsController(AccessService access) {
        this.access = access;
    }

    /** The answer. */
    public record PermissionsView(AssignmentView.Ref subject, String namespace, List<String> groups,
                                  List<GrantView> grants, List<AccessRule> rules, List<String> unresolvedRoles) {
    }

    /**
     * One role granted through one binding.
     *
     * @param source {@code team} (the owning team's binding) or {@code assignment:<id>}
     */
    public record GrantView(String roleBinding, String source, AssignmentView.Ref role, AssignmentView.Ref subject,
                            boolean resolved, List<AccessRule> rules) {
        static GrantView of(Permissions.Grant grant) {
            return new GrantView(grant.roleBinding(), grant.source(),
                    new AssignmentView.Ref(grant.roleKind().value(), grant.roleName()),
                    new AssignmentView.Ref(grant.subjectKind().value(), grant.subjectName()), grant.resolved(), grant.rules());
        }
    }

    @GetMapping("/api/v1/rbac/permissions")
    @PreAuthorize("hasAuthority('rbac:admin')")
    public PermissionsView permissions(@RequestParam(required = false) String subject,
                                       @RequestParam(required = false) String namespace,
                                       @RequestParam(required = false) String groups) {
        List<FieldError> errors = new ArrayList<>();
        var parsed = Permissions.parseSubject(subject);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("subject", "required", "name the subject: User:<name>, Group:<name> or a user name"));
        } else {
            List<FieldViolation> violations = new ArrayList<>();
            RoleRules.subjectName(parsed.get().getValue(), "subject", violations);
            violations.forEach(v -> errors.add(new FieldError(v.field(), v.code(), v.message())));
        }
        if (namespace == null || namespace.isBlank()) {
            errors.add(new FieldError("namespace", "required", "is required"));
        } else if (!RoleRules.NAMESPACE.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "pattern", "must be a DNS-1123 label"));
        }
        List<String> groupList = groups == null || groups.isBlank() ? List.of()
                : Arrays.stream(groups.split(",")).map(String::strip).filter(g -> !g.isEmpty()).distinct().toList();
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors, true);
        }
        Map.Entry<SubjectKind, String> who = parsed.get();
        List<Permissions.Grant> grants = access.grants(who.getKey(), who.getValue(), groupList, namespace);
        return new PermissionsView(new AssignmentView.Ref(who.getKey().value(), who.getValue()), namespace, groupList,
                grants.stream().map(GrantView::of).toList(), Permissions.aggregate(grants),
                grants.stream().filter(grant -> !grant.resolved())
                        .map(grant -> grant.roleKind().value() + "/" + grant.roleName()).distinct().toList());
    }
}
