-- Runs once, when the postgres_data volume is initialised (docker-entrypoint-initdb.d), connected as
-- POSTGRES_USER to POSTGRES_DB. The app's own schema comes from its migrations, not from here.

-- Query statistics for operators (the server preloads the library: see docker-compose.prod.yml).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- Timestamps are stored and compared in UTC whatever the host's zone.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
END
$$;
