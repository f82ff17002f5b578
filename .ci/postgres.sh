#!/usr/bin/env bash
# A PostgreSQL server for the tests: installs it (Debian's package) if missing, starts the cluster, creates
# a role and a database, and prints the SQLAlchemy URL on stdout (everything else goes to stderr).
# Idempotent: safe to run again on a machine where it already ran.
#   PRESSEXTRACT_PG_URL="$(bash .ci/postgres.sh)"; export PRESSEXTRACT_PG_URL
# (two statements: `export X="$(...)"` returns export's status, so `set -e` would miss a failure here)
set -euo pipefail

ROLE=${PRESSEXTRACT_PG_ROLE:-pressextract}
PASSWORD=${PRESSEXTRACT_PG_PASSWORD:-pressextract}
DB=${PRESSEXTRACT_PG_DB:-pressextract_test}
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)

psql_admin() { "${SUDO[@]}" su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $PORT $*"; }

setup() {
    if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
        echo "postgres.sh: installing postgresql"
        "${SUDO[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq postgresql >/dev/null
    fi
    # The newest installed major version's "main" cluster (the package creates it; made here if missing).
    VERSION=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [ -z "$VERSION" ]; then
        VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
        "${SUDO[@]}" pg_createcluster "$VERSION" main
    fi
    PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')
    if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        "${SUDO[@]}" pg_ctlcluster "$VERSION" main start
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$PORT" && break
        sleep 1
    done
    pg_isready -h 127.0.0.1 -p "$PORT"
    if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != 1 ]; then
        psql_admin "-c \"CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\""
    fi
    if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != 1 ]; then
        psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE\""
    fi
    echo "postgres.sh: PostgreSQL $VERSION on port $PORT, database $DB"
}

# Everything but the URL goes to stderr, and the server (started here or by the package's install) must
# not inherit the caller's stdout: a $(...) around this script would wait for it forever.
exec 3>&1
setup 3>&- 1>&2
echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB" >&3
