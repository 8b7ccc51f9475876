-- The projection is now written from the Kafka Streams topology (cost intervals of tiers and service instances,
-- namespace state, requests). It is derived data: rebuilt from the retained topics on the first start.
truncate cost_interval;
drop table processed_event;

alter table cost_interval drop column opened_by_event, drop column closed_by_event,
    add column kind text not null default 'tier' check (kind in ('tier', 'instance')),
    add column item text not null default '',
    add column template text,
    add column version text,
    add column updated_at timestamptz not null default now();
alter table cost_interval alter column kind drop default, alter column item drop default;
drop index cost_interval_one_open_per_namespace;
create unique index cost_interval_key on cost_interval (namespace, kind, item, valid_from);
create index cost_interval_open_idx on cost_interval (namespace) where valid_to is null;

-- Latest state of every namespace analytics has seen.
create table analytics_namespace (
    namespace                     text primary key,
    team                          text,
    environment                   text,
    tier                          text,
    cost_center                   text,
    status                        text        not null,
    created_at                    timestamptz,
    changed_at                    timestamptz,
    deleted_at                    timestamptz,
    service_instances             integer     not null,
    role_assignments              integer     not null,
    tier_monthly_price_cents      bigint      not null,
    instances_monthly_price_cents bigint      not null,
    month                         text,
    month_to_date_cost_micros     bigint      not null,
    as_of                         timestamptz,
    updated_at                    timestamptz not null default now()
);
create index analytics_namespace_team_idx on analytics_namespace (team, tier);

-- Every request and how it ended (for usage: requests, failures, provisioning latency).
create table provisioning_request (
    request_id   text primary key,
    namespace    text        not null,
    team         text,
    environment  text,
    tier         text,
    kind         text        not null check (kind in ('CREATE', 'UPDATE', 'DELETE')),
    requested_at timestamptz not null,
    outcome      text        check (outcome in ('READY', 'UPDATED', 'DELETED', 'FAILED', 'REJECTED')),
    completed_at timestamptz,
    latency_ms   bigint,
    updated_at   timestamptz not null default now()
);
create index provisioning_request_requested_idx on provisioning_request (requested_at);
create index provisioning_request_completed_idx on provisioning_request (completed_at);

-- BI views: cost per UTC day, exact pro-rating by the second (price × time alive that day ÷ length of that month),
-- open intervals accruing until now. Tier and service-instance intervals both count.
create view namespace_daily_cost as
with pieces as (
    select i.namespace, i.team, i.environment, i.tier, coalesce(nullif(i.cost_center, ''), 'unassigned') as cost_center,
           i.kind, i.monthly_price_cents, d.day,
           greatest(i.valid_from at time zone 'UTC', d.day) as piece_from,
           least(coalesce(i.valid_to, now()) at time zone 'UTC', d.day + interval '1 day') as piece_to
    from cost_interval i
    cross join lateral generate_series(date_trunc('day', i.valid_from at time zone 'UTC'),
                                       coalesce(i.valid_to, now()) at time zone 'UTC', interval '1 day') as d(day)
)
select day::date as day, namespace, team, environment, tier, cost_center,
       sum(monthly_price_cents / 100.0 * extract(epoch from (piece_to - piece_from))
           / extract(epoch from (date_trunc('month', day) + interval '1 month' - date_trunc('month', day))))::numeric(20, 6)
           as cost_usd,
       sum(case when kind = 'instance' then monthly_price_cents / 100.0 * extract(epoch from (piece_to - piece_from))
           / extract(epoch from (date_trunc('month', day) + interval '1 month' - date_trunc('month', day))) else 0 end)::numeric(20, 6)
           as service_instances_cost_usd
from pieces
where piece_to > piece_from
group by day, namespace, team, environment, tier, cost_center;

create view team_daily_cost as
select day, team, sum(cost_usd) as cost_usd, count(distinct namespace) as namespaces
from namespace_daily_cost group by day, team;

create view environment_daily_cost as
select day, environment, sum(cost_usd) as cost_usd, count(distinct namespace) as namespaces
from namespace_daily_cost group by day, environment;

create view tier_daily_cost as
select day, tier, sum(cost_usd) as cost_usd, count(distinct namespace) as namespaces
from namespace_daily_cost group by day, tier;

create view cost_center_daily_cost as
select day, cost_center, sum(cost_usd) as cost_usd, count(distinct namespace) as namespaces
from namespace_daily_cost group by day, cost_center;
