-- govfin: the roles, logins and grants a DBA gives on a PostgreSQL server of their own
-- (DATABASE_URL). The embedded server runs this same file at every `govfin db start`.
--
-- Run it once, as a superuser (or a role with CREATEROLE), connected to the govfin
-- database, which is owned by the login that runs `govfin migrate` (DATABASE_URL):
--
--     CREATE ROLE govfin_owner LOGIN;                    -- then \password govfin_owner
--     CREATE DATABASE govfin OWNER govfin_owner;
--     \c govfin
--     \i sql/grants.sql
--     \password govfin_loader_login                      -- psql sends a SCRAM verifier,
--     \password govfin_transformer_login                 -- never the password itself
--     \password govfin_analyst_login
--
-- It is safe to run again. It contains no password: a login cannot log in until one is
-- set. The privileges on schemas and tables are the migrations' (migrations/versions/):
--   govfin_loader       reads and writes raw, staging (and may ANALYZE them); takes the run lock (ops.run_lock)
--   govfin_transformer  reads raw, staging; creates and owns transform, marts, quality and the
--                       build schemas marts_next, quality_next; takes the run lock
--   govfin_analyst      reads marts and quality, nothing else
-- The logins below are members of exactly one of these roles and have no other power.

DO $grants$
DECLARE
  pair text[];
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ARRAY[
      ['govfin_loader', 'govfin_loader_login'],
      ['govfin_transformer', 'govfin_transformer_login'],
      ['govfin_analyst', 'govfin_analyst_login']] LOOP
    -- the group role holds the privileges and cannot log in
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = pair[1]) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', pair[1]);
    END IF;
    -- the login: no superuser, no role or database creation, no replication, no RLS bypass
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = pair[2]) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', pair[2]);
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE '
                   'NOREPLICATION NOBYPASSRLS', pair[2]);
    IF NOT pg_has_role(pair[2], pair[1], 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', pair[1], pair[2]);
    END IF;
  END LOOP;

  -- the owner runs the migrations, which set default privileges FOR ROLE govfin_transformer
  -- (so that what dbt builds is readable by govfin_analyst): that needs membership
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = owner)
     AND NOT pg_has_role(owner, 'govfin_transformer', 'MEMBER') THEN
    EXECUTE format('GRANT govfin_transformer TO %I', owner);
  END IF;

  -- only govfin's roles reach this database; only dbt may create temporary tables (the migrations
  -- repeat this for every database they upgrade)
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO govfin_loader, govfin_transformer, govfin_analyst',
                 current_database());
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO govfin_transformer', current_database());
END
$grants$;

-- Large objects are the one thing a login may create with no privilege on any schema: nobody
-- but a superuser may create, write, import, export or delete one (lo_compat_privileges stays
-- off). The functions are per database: this revokes them in this database.
DO $lo$
DECLARE
  fn regprocedure;
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE WARNING 'govfin: run sql/grants.sql as a superuser to revoke the large-object functions';
    RETURN;
  END IF;
  FOR fn IN SELECT p.oid::regprocedure FROM pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace
              AND p.proname IN ('lo_creat', 'lo_create', 'lo_from_bytea', 'lo_import', 'lo_export', 'lowrite',
                                'lo_put', 'lo_truncate', 'lo_truncate64', 'lo_unlink', 'lo_open') LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
END
$lo$;

-- The loader and dbt may use the connections kept free by reserved_connections (PostgreSQL 16+),
-- so BI tools that fill the server cannot block a load.
DO $reserved$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pg_use_reserved_connections') THEN
    GRANT pg_use_reserved_connections TO govfin_loader_login, govfin_transformer_login;
  END IF;
END $reserved$;

-- The analyst (`govfin sql`, psql, BI tools): read-only transactions by default, at most 20
-- sessions (the loader's and the admin's connections stay free), and limits on time, temporary
-- files and sort memory. temp_file_limit is settable by a superuser only, so the analyst cannot
-- move it; the others a session may SET itself (docs/security.md says which, and what holds then).
ALTER ROLE govfin_analyst_login CONNECTION LIMIT 20;
ALTER ROLE govfin_analyst_login SET default_transaction_read_only = on;
ALTER ROLE govfin_analyst_login SET statement_timeout = '60s';
ALTER ROLE govfin_analyst_login SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE govfin_analyst_login SET temp_file_limit = '256MB';
ALTER ROLE govfin_analyst_login SET work_mem = '16MB';
