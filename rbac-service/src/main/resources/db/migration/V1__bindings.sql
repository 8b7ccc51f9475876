-- The RoleBindings rbac-service manages (one per namespace and name) and the NamespaceProvisioned events it handled
-- (deduplicated on the event id), with the answer it published.

create table role_bindings (
    namespace     text        not null,
    name          text        not null,
    team          text        not null,
    subject_group text        not null,
    cluster_role  text        not null,
    request_id    text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (namespace, name)
);

create table processed_events (
    event_id      text primary key,
    request_id    text        not null,
    actor         text        not null,
    namespace     text        not null,
    team          text        not null,
    role_binding  text        not null,
    subject_group text        not null,
    cluster_role  text        not null,
    outcome       text        not null check (outcome in ('APPLIED', 'FAILED')),
    reason        text,
    decided_at    timestamptz not null,
    published_at  timestamptz
);
