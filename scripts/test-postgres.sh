#!/bin/sh
# Prints a database URL for the PostgreSQL test run, or nothing when PostgreSQL can't be had here.
# Uses Debian's postgresql (installed with apt-get when missing and we are root), starts its cluster,
# and creates the role and database the tests use. Best effort: it never fails `make test` itself.
ROLE=flowpilot
DB=flowpilot_test
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -n -u postgres sh -c "$1"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1
fi
command -v pg_lsclusters >/dev/null 2>&1 || exit 0
set -- $(pg_lsclusters -h 2>/dev/null | head -n 1)
[ -n "$1" ] || exit 0
VERSION=$1 CLUSTER=$2 PORT=$3 STATUS=$4
if [ "$STATUS" != "online" ]; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >/dev/null 2>&1 || exit 0
fi
as_postgres "psql -qtAc \"select 1 from pg_roles where rolname='$ROLE'\" | grep -q 1 || psql -qc \"create role $ROLE login password '$ROLE' createdb\"" >/dev/null 2>&1 || exit 0
as_postgres "psql -qc 'drop database if exists $DB' && psql -qc 'create database $DB owner $ROLE'" >/dev/null 2>&1 || exit 0
echo "postgresql+psycopg://$ROLE:$ROLE@localhost:$PORT/$DB"
