-- Custom roles, role assignments, the namespace events handled for deletions and compensations, and the
-- transactional outbox of everything rbac-service publishes.

create table custom_roles (
    id          text primary key,
    kind        text        not null check (kind in ('Role', 'ClusterRole')),
    -- '' for a ClusterRole, so (kind, namespace, name) is unique
    namespace   text        not null default '',
    name        text        not null,
    description text,
    rules       jsonb       not null,
    request_id  text        not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (kind, namespace, name)
);

create table assignments (
    id           text primary key,
    namespace    text        not null,
    role_kind    text        not null check (role_kind in ('Role', 'ClusterRole')),
    role_name    text        not null,
    subject_kind text        not null check (subject_kind in ('User', 'Group')),
    subject_name text        not null,
    role_binding text        not null,
    request_id   text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    unique (namespace, role_binding)
);

create index assignments_role_idx on assignments (role_kind, role_name);

-- NamespaceDeletionStarted and NamespaceProvisioningFailed events handled (idempotent consumer on the event id)
create table handled_events (
    event_id   text primary key,
    type       text        not null,
    request_id text        not null,
    handled_at timestamptz not null
);

create table outbox (
    id           bigserial primary key,
    event_id     text        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);

create index outbox_unpublished_idx on outbox (id) where published_at is null;
