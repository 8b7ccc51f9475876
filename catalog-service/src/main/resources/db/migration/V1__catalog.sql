create table tier (
    name                    varchar(63) primary key,
    description             text        not null default '',
    cpu                     varchar(32) not null,
    memory                  varchar(32) not null,
    storage                 varchar(32) not null,
    pods                    integer     not null check (pods > 0),
    services                integer     not null check (services >= 0),
    persistent_volume_claims integer    not null check (persistent_volume_claims >= 0),
    monthly_cost_cents      bigint      not null check (monthly_cost_cents >= 0),
    default_cpu_request     varchar(32) not null,
    default_cpu_limit       varchar(32) not null,
    default_memory_request  varchar(32) not null,
    default_memory_limit    varchar(32) not null,
    revision                integer     not null default 1,
    updated_at              timestamptz not null default now()
);

create table feature (
    name        varchar(63) primary key,
    description text        not null default '',
    labels      jsonb       not null default '{}'::jsonb,
    annotations jsonb       not null default '{}'::jsonb,
    revision    integer     not null default 1,
    updated_at  timestamptz not null default now()
);
