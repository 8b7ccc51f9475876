-- Service instances (package io.platform.provisioning.instances): what was requested, what it was admitted with
-- (objects, quota usage) and where it is. Written before any event announcing it is published; `announced` turns
-- true once the outcome of the current state is on the topic (a sweep republishes the rest).
create table service_instances (
    request_id          text        primary key,
    namespace           text        not null,
    instance_name       text        not null,
    template            text        not null,
    version             text        not null,
    parameters          jsonb       not null,
    actor               text        not null,
    state               text        not null check (state in ('WAITING', 'APPLYING', 'DEPLOYED', 'FAILED', 'DELETING', 'DELETED')),
    objects             jsonb       not null default '[]',
    usage               jsonb       not null default '{}',
    monthly_cost_cents  bigint      not null default 0,
    failure_step        text,
    failure_reason      text,
    deletion_request_id text unique,
    announced           boolean     not null default false,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

-- An instance name belongs to at most one live instance per namespace.
create unique index service_instances_live_name_idx on service_instances (namespace, instance_name)
    where state in ('WAITING', 'APPLYING', 'DEPLOYED', 'DELETING');
create index service_instances_namespace_idx on service_instances (namespace, created_at);
create index service_instances_pending_idx on service_instances (updated_at) where state = 'WAITING' or not announced;

-- Namespaces as their lifecycle events describe them (team, environment, tier), for the instances' checks.
create table service_instance_namespaces (
    name        text primary key,
    team        text        not null,
    environment text        not null,
    tier        text        not null,
    ready       boolean     not null,
    updated_at  timestamptz not null
);

-- One row per namespace that ever had an instance: locked (select ... for update) while an instance is admitted,
-- so that concurrent admissions to one namespace cannot both use the same quota headroom.
create table service_instance_locks (
    namespace text primary key
);

-- Event ids the instances' consumers handled completely (deduplication).
create table service_instance_consumed_events (
    event_id    text primary key,
    consumed_at timestamptz not null default now()
);
