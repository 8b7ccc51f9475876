package io.platform.rbac.web;

import io.platform.rbac.domain.Assignment;
import java.time.Instant;

/** An assignment as the API shows it. */
public record AssignmentView(String id, String namespace, Ref role, Ref subject, String roleBinding, String requestId,
                             String createdBy, Instant createdAt) {

    /** A role or subject: kind and name. */
    public record Ref(String kind, String name) {
    }

    static AssignmentView of(Assignment assignment) {
        return new AssignmentView(assignment.id(), assignment.namespace(),
                new Ref(assignment.roleKind().value(), assignment.roleName()),
                new Ref(assignment.subjectKind().value(), assignment.subjectName()), assignment.roleBinding(),
                assignment.requestId(), assignment.createdBy(), assignment.createdAt());
    }
}
