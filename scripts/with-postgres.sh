#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (scripts/postgres.sh):
# its URL is in GROUPDESK_TEST_POSTGRES while the command runs, and the
# server and its files are gone afterwards, whatever the command's end.
# Usage: scripts/with-postgres.sh COMMAND [ARG...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/groupdesk-pg.XXXXXX")
trap '"$here/postgres.sh" stop "$dir"' EXIT
GROUPDESK_TEST_POSTGRES=$("$here/postgres.sh" start "$dir")
export GROUPDESK_TEST_POSTGRES
echo "with-postgres: PostgreSQL on ${GROUPDESK_TEST_POSTGRES%%\?*}" >&2
"$@"
