-- Cost projection: one row per stretch of a namespace's life with constant attributes and price.
create table cost_interval (
    id                  bigserial   primary key,
    namespace           text        not null,
    team                text,
    environment         text,
    tier                text,
    cost_center         text,
    monthly_price_cents bigint      not null check (monthly_price_cents >= 0),  -- tier price when it opened
    valid_from          timestamptz not null,
    valid_to            timestamptz,                                           -- null while alive
    opened_by_event     text        not null,
    closed_by_event     text,
    close_reason        text        check (close_reason in ('changed', 'deleted')),
    constraint cost_interval_ends_after_start check (valid_to is null or valid_to >= valid_from)
);

-- at most one open interval per namespace
create unique index cost_interval_one_open_per_namespace on cost_interval (namespace) where valid_to is null;
create index cost_interval_namespace_idx on cost_interval (namespace, valid_from);
create index cost_interval_window_idx on cost_interval (valid_from, valid_to);

-- idempotent consumer: ids of the lifecycle events already applied
create table processed_event (
    event_id     text        primary key,
    occurred_at  timestamptz not null,
    processed_at timestamptz not null default now()
);
