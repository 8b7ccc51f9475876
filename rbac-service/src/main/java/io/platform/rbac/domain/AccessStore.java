package io.platform.rbac.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Custom roles, assignments and handled namespace events. Callers demarcate transactions. */
public interface AccessStore {

    Optional<CustomRole> role(String id);

    Optional<CustomRole> role(RoleKind kind, String namespace, String name);

    /** Roles of one namespace (and every ClusterRole when {@code namespace} is {@code null}), by kind and name. */
    List<CustomRole> roles(String namespace, RoleKind kind);

    /** Inserts a role; {@code false} when one with the same kind, namespace and name exists. */
    boolean insertRole(CustomRole role);

    void updateRole(CustomRole role);

    void deleteRole(String id);

    Optional<Assignment> assignment(String id);

    /** Assignments of a namespace (every one when {@code null}). */
    List<Assignment> assignments(String namespace);

    /** Assignments of a role, in every namespace (a ClusterRole) or in its namespace (a Role). */
    List<Assignment> assignmentsOf(RoleKind kind, String namespace, String name);

    /** Inserts an assignment; {@code false} when it exists. */
    boolean insertAssignment(Assignment assignment);

    void deleteAssignment(String id);

    /** The role, locked until the transaction ends; empty when absent or locked by another transaction. */
    Optional<CustomRole> tryLockRole(String id);

    /** The assignment, locked until the transaction ends; empty when absent or locked by another transaction. */
    Optional<Assignment> tryLockAssignment(String id);

    /**
     * The role, locked until the transaction ends, waiting a few seconds for a drift check or another change that
     * holds it; empty when absent or still locked after that. For the API's changes (drift repair uses the try forms).
     */
    Optional<CustomRole> lockRole(String id);

    /** The assignment, locked like {@link #lockRole(String)}. */
    Optional<Assignment> lockAssignment(String id);

    /** Records a handled event; {@code false} when it was handled before. */
    boolean markHandled(String eventId, String type, String requestId, Instant at);
}
