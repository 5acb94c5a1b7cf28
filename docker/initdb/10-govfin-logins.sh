#!/bin/sh
# First start of the postgres container (an empty volume): the roles and logins of
# sql/grants.sql, with the passwords from .env. psql reads them from the environment
# (\getenv), so they appear on no command line. To run it on an existing volume:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-govfin-logins.sh
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f "${GOVFIN_GRANTS_SQL:-/govfin/grants.sql}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\getenv loader_password GOVFIN_LOADER_PASSWORD
\getenv transformer_password GOVFIN_TRANSFORMER_PASSWORD
\getenv analyst_password GOVFIN_ANALYST_PASSWORD
ALTER ROLE govfin_loader_login PASSWORD :'loader_password';
ALTER ROLE govfin_transformer_login PASSWORD :'transformer_password';
ALTER ROLE govfin_analyst_login PASSWORD :'analyst_password';
SQL
