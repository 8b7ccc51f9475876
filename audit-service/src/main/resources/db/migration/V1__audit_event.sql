-- The audit trail: every event of every platform topic and dead-letter topic, once per event id.
-- Text columns: a record is never refused for the length of a value some producer chose.
create table audit_event (
    id          bigserial   primary key,           -- insertion order (the base of a future hash chain)
    event_id    text        not null,
    event_type  text        not null,              -- Avro full name (ce_type), 'tombstone' or 'dead-letter'
    topic       text        not null,
    partition   integer     not null,
    "offset"    bigint      not null,
    namespace   text,                              -- record key on namespace-keyed topics
    request_id  text,
    actor       text,                              -- the only personal data kept: a subject / principal id
    source      text,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    outcome     text        not null check (outcome in ('ok', 'rejected', 'failed', 'dead-letter')),
    payload     jsonb       not null,
    constraint audit_event_event_id_key unique (event_id)
);

create index audit_event_namespace_idx on audit_event (namespace, occurred_at);
create index audit_event_request_idx on audit_event (request_id, occurred_at);
create index audit_event_actor_idx on audit_event (actor, occurred_at);
create index audit_event_occurred_idx on audit_event (occurred_at);
