-- Requests the gateway accepted or saw on the request topic, and how far they got.
-- Text columns throughout: requests published straight to Kafka by other systems may carry anything, and must still
-- be recorded so that their rejection is visible.
create table namespace_request (
    request_id        text        primary key,
    request_type      text        not null,
    name              text        not null,
    team              text,
    spec              jsonb,
    status            text        not null,
    actor             text,
    source            text,
    idempotency_key   text,
    violations        jsonb       not null default '[]',
    failure_step      text,
    failure_reason    text,
    failure_retryable boolean,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

create index namespace_request_by_name on namespace_request (name, created_at desc);

-- The steps a request went through, as the lifecycle events reported them; one row per step name.
create table request_step (
    request_id  text        not null references namespace_request (request_id) on delete cascade,
    step        text        not null,
    outcome     text        not null,
    occurred_at timestamptz not null,
    detail      text,
    primary key (request_id, step)
);

-- The read model of namespaces: one row per name, owned by the create request that holds the name.
create table namespace (
    name       text        primary key,
    team       text        not null,
    spec       jsonb       not null,
    status     text        not null,
    request_id text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create index namespace_by_team on namespace (team, name);

-- Event ids already applied to the read model (idempotent consumer).
create table processed_event (
    event_id     text        primary key,
    processed_at timestamptz not null default now()
);
