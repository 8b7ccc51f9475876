-- Day-2 requests, retries, deadlines and the namespace record as the source of truth for drift repair.

alter table requests drop constraint requests_status_check;
alter table requests add constraint requests_status_check
    check (status in ('PENDING', 'PROVISIONING', 'UPDATING', 'DELETING', 'READY', 'DELETED', 'FAILED', 'REJECTED'));

-- CREATE, UPDATE or DELETE
alter table requests add column type text not null default 'CREATE' check (type in ('CREATE', 'UPDATE', 'DELETE'));
-- 1, plus one per admin retry; events of a retried attempt get new ids
alter table requests add column attempt integer not null default 1;
-- the deadline counts from the start of the current attempt
alter table requests add column started_at timestamptz;
update requests set started_at = created_at;
alter table requests alter column started_at set not null;
-- update: the change as requested and the fields it actually altered; delete: the reason given
alter table requests add column changes jsonb;
alter table requests add column changed_fields jsonb not null default '[]';
alter table requests add column reason text;

create index requests_in_progress_idx on requests (status, started_at)
    where status in ('PENDING', 'PROVISIONING', 'UPDATING', 'DELETING');

-- What was applied to each namespace: the spec with the tier and feature definitions of that time. Drift repair and
-- the refill after a restart recompute the desired objects from here.
alter table namespaces add column actor text;
alter table namespaces add column spec jsonb;
alter table namespaces add column tier jsonb;
alter table namespaces add column features jsonb not null default '[]';
alter table namespaces add column last_request_id text;
update namespaces n set actor = r.actor, spec = r.spec, last_request_id = n.request_id
  from requests r where r.request_id = n.request_id;

create index namespaces_team_idx on namespaces (team, status);

-- The last transient error of a request, named when its deadline passes. Written in a transaction of its own while
-- the request's row is locked by the failing one (hence no foreign key: its check would wait for that lock).
create table request_errors (
    request_id text primary key,
    error      text        not null,
    at         timestamptz not null
);

-- A failed request whose clean-up could not finish (the API server was unavailable): the supervisor retries it.
alter table requests add column cleanup_pending boolean not null default false;

-- Transactional outbox: events are written in the same transaction as the state change they announce, and published
-- (in order, in one Kafka transaction per batch) by the relay right after the commit and by a periodic sweep.
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
