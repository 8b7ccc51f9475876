package io.platform.rbac.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A role given to a user or group in one namespace: a RoleBinding named {@link #roleBinding()}.
 *
 * @param id        derived from what it binds, so assigning the same role to the same subject twice is the same
 *                  assignment
 * @param requestId the API request that created it
 */
public record Assignment(String id, String namespace, RoleKind roleKind, String roleName, SubjectKind subjectKind,
                         String subjectName, String roleBinding, String requestId, String createdBy, Instant createdAt) {

    public Assignment {
        Objects.requireNonNull(id);
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(roleKind);
        Objects.requireNonNull(roleName);
        Objects.requireNonNull(subjectKind);
        Objects.requireNonNull(subjectName);
        Objects.requireNonNull(roleBinding);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(createdBy);
        Objects.requireNonNull(createdAt);
    }

    /** A new assignment; its id and RoleBinding name follow from what it binds. */
    public static Assignment of(String namespace, RoleKind roleKind, String roleName, SubjectKind subjectKind,
                                String subjectName, String requestId, String createdBy, Instant now) {
        String id = UUID.nameUUIDFromBytes(String.join("\n", namespace, roleKind.value(), roleName, subjectKind.value(),
                subjectName).getBytes(StandardCharsets.UTF_8)).toString();
        return new Assignment(id, namespace, roleKind, roleName, subjectKind, subjectName, bindingName(roleName, id),
                requestId, createdBy, now);
    }

    /** {@code platform-<role>-<10 hex of the id>}: a valid, unique RoleBinding name of at most 53 characters. */
    static String bindingName(String roleName, String id) {
        String role = roleName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (role.length() > 30) {
            role = role.substring(0, 30);
        }
        role = role.replaceAll("^-+|-+$", "");
        return "platform-" + (role.isEmpty() ? "role" : role) + "-" + id.replace("-", "").substring(0, 10);
    }

    public String roleReference() {
        return roleKind.value() + "/" + roleName;
    }
}
