-- Saga state of provisioning-service: one row per request (unique request id), and the namespace names live
-- requests own. Written before any event announcing a step is published.

create table requests (
    request_id         text primary key,
    name               text        not null,
    team               text,
    actor              text        not null,
    status             text        not null check (status in ('PENDING', 'PROVISIONING', 'READY', 'FAILED', 'REJECTED')),
    step               text        not null,
    spec               jsonb       not null,
    violations         jsonb       not null default '[]',
    objects            jsonb       not null default '[]',
    pod_security_level text,
    failure_step       text,
    failure_reason     text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);

create index requests_name_idx on requests (name);

-- A name belongs to at most one request; a failed, rejected or deleted owner frees it for the next request.
create table namespaces (
    name       text primary key,
    request_id text        not null references requests (request_id),
    team       text        not null,
    status     text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
