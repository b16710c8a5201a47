#!/usr/bin/env bash
# Creates the login role the server (and the CLI's store work) connect as: a member of vruksha_app,
# neither superuser nor owner, so PostgreSQL's row-level security applies (docs/security.md). Run it
# once per database cluster, as a PostgreSQL administrator, after `retail db migrate` (which creates
# vruksha_app). Idempotent: an existing role gets the membership and, if given, the new password.
#   scripts/app-role.sh [ROLE] [PASSWORD]      ROLE defaults to vruksha_server
# Connects with psql to DB_HOST/DB_PORT/DB_NAME (default 127.0.0.1:5432/vruksha) as DB_ADMIN_USER
# (default postgres); PGPASSWORD as psql reads it. Then start the server with DB_USER=ROLE.
set -euo pipefail
ROLE=${1:-vruksha_server}
PASSWORD=${2:-}
psql -v ON_ERROR_STOP=1 -q -A -t -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" \
  -U "${DB_ADMIN_USER:-postgres}" -d "${DB_NAME:-vruksha}" \
  -v role="$ROLE" -v password="$PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('GRANT vruksha_app TO %I', :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') WHERE :'password' <> '' \gexec
SELECT CASE WHEN r.rolsuper OR r.rolbypassrls THEN 'WARNING: ' || r.rolname || ' is a superuser or bypasses row-level security'
            ELSE r.rolname || ' is a member of vruksha_app: start the server with DB_USER=' || r.rolname END
FROM pg_roles r WHERE r.rolname = :'role';
SQL
