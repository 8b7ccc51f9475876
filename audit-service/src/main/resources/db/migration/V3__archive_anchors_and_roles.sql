-- Retention: rows moved to archive files leave an anchor, the last archived row of the chain, so the chain stays
-- verifiable across the cut (the first row left in the table must follow the anchor).
create table audit_chain_anchor (
    chain          text        not null,
    seq            bigint      not null,              -- last archived row of the chain
    hash           bytea       not null,              -- its hash: the next row's prev_hash
    first_seq      bigint      not null,              -- first row in the archive file
    rows           bigint      not null,
    archive_file   text        not null,              -- file name, relative to the archive directory
    archive_sha256 text        not null,              -- of the compressed file
    cutoff         timestamptz not null,              -- rows recorded before it were due
    archived_at    timestamptz not null,
    primary key (chain, seq)
);

-- Two database roles besides the owner (who runs these migrations):
--   audit_writer      the service at run time: reads and appends, can never UPDATE, DELETE or TRUNCATE audit rows;
--   audit_maintainer  the retention job: reads, deletes archived rows and records their anchors.
-- Created here when missing (the migrating user needs CREATEROLE for that, or a DBA creates them beforehand);
-- passwords are set by the afterMigrate callback from configuration.
do $$
begin
    if not exists (select from pg_roles where rolname = 'audit_writer') then
        create role audit_writer login;
    end if;
    if not exists (select from pg_roles where rolname = 'audit_maintainer') then
        create role audit_maintainer login;
    end if;
end
$$;

do $$
begin
    execute format('grant connect on database %I to audit_writer, audit_maintainer', current_database());
end
$$;

revoke all on audit_event, audit_chain_anchor from public;
grant usage on schema public to audit_writer, audit_maintainer;

grant select, insert on audit_event to audit_writer;
grant usage, select on sequence audit_event_id_seq to audit_writer;
grant select on audit_chain_anchor to audit_writer;

grant select, delete on audit_event to audit_maintainer;
grant select, insert on audit_chain_anchor to audit_maintainer;
