-- What a day-2 update request asks to change (null for create and delete requests).
alter table namespace_request add column changes jsonb;

-- The open request of a name (409 answers link to it).
create index namespace_request_open_by_name on namespace_request (name, created_at desc)
    where status in ('PENDING', 'PROVISIONING', 'UPDATING', 'DELETING');

-- Listing filters besides the team.
create index namespace_by_environment_tier on namespace ((spec ->> 'environment'), (spec ->> 'tier'), name);
