-- Service templates: one row per immutable version. Only the deprecation flag (and with it the revision) ever changes;
-- the trigger below refuses any other update, so a published version cannot be altered even by a bug or by hand.
create table template_version (
    name               varchar(63)  not null,
    version            varchar(63)  not null,
    description        text         not null default '',
    owner              varchar(128) not null,
    tags               jsonb        not null default '[]',
    environments       jsonb        not null default '[]',
    tiers              jsonb        not null default '[]',
    parameter_schema   text         not null,
    manifests          text         not null,
    cpu                varchar(32)  not null default '0',
    memory             varchar(32)  not null default '0',
    storage            varchar(32)  not null default '0',
    monthly_cost_cents bigint       not null check (monthly_cost_cents >= 0),
    deprecated         boolean      not null default false,
    deprecation_note   text,
    revision           integer      not null default 1,
    published_by       varchar(255) not null,
    published_at       timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    primary key (name, version)
);

create index template_version_tags_idx on template_version using gin (tags);

create function template_version_is_immutable() returns trigger language plpgsql as $$
begin
    if new.name is distinct from old.name or new.version is distinct from old.version
       or new.description is distinct from old.description or new.owner is distinct from old.owner
       or new.tags is distinct from old.tags or new.environments is distinct from old.environments
       or new.tiers is distinct from old.tiers or new.parameter_schema is distinct from old.parameter_schema
       or new.manifests is distinct from old.manifests or new.cpu is distinct from old.cpu
       or new.memory is distinct from old.memory or new.storage is distinct from old.storage
       or new.monthly_cost_cents is distinct from old.monthly_cost_cents
       or new.published_by is distinct from old.published_by or new.published_at is distinct from old.published_at then
        raise exception 'template version %@% is immutable: only its deprecation can change', old.name, old.version
            using errcode = 'check_violation';
    end if;
    return new;
end;
$$;

create trigger template_version_immutable before update on template_version
    for each row execute function template_version_is_immutable();

-- Namespaces as the lifecycle events describe them (projection of platform.namespace.events.v1): who owns them, where
-- they run and their tier, to authorize and check instance requests without calling another service.
create table namespace_projection (
    name        varchar(63) primary key,
    team        varchar(63) not null,
    environment varchar(32) not null,
    tier        varchar(63) not null,
    status      varchar(16) not null check (status in ('READY', 'DELETED')),
    updated_at  timestamptz not null
);

-- Service instances: requested here, status from provisioning-service's outcome events.
create table service_instance (
    request_id          varchar(64)  primary key,
    namespace           varchar(63)  not null,
    instance_name       varchar(63)  not null,
    template            varchar(63)  not null,
    version             varchar(63)  not null,
    parameters          jsonb        not null,
    usage               jsonb        not null default '{}',
    objects             jsonb        not null default '[]',
    monthly_cost_cents  bigint       not null default 0,
    status              varchar(16)  not null check (status in ('PENDING', 'DEPLOYED', 'FAILED', 'DELETING', 'DELETED')),
    failure_step        varchar(32),
    failure_reason      text,
    deletion_request_id varchar(64) unique,
    requested_by        varchar(255) not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

-- An instance name is owned by at most one live instance per namespace; FAILED and DELETED ones free it.
create unique index service_instance_live_name_idx on service_instance (namespace, instance_name)
    where status in ('PENDING', 'DEPLOYED', 'DELETING');
create index service_instance_namespace_idx on service_instance (namespace, created_at);

-- Events this service consumed (deduplication on eventId).
create table consumed_event (
    event_id    varchar(64) primary key,
    consumed_at timestamptz not null default now()
);
