-- Runs after every migration: sets the passwords of the runtime and maintenance roles when configured
-- (spring.flyway.placeholders.writerPassword, maintainerPassword); empty means "leave as it is".
do $$
begin
    if '${writerPassword}' <> '' then
        execute format('alter role audit_writer password %L', '${writerPassword}');
    end if;
    if '${maintainerPassword}' <> '' then
        execute format('alter role audit_maintainer password %L', '${maintainerPassword}');
    end if;
end
$$;
