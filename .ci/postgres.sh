#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1:$PGPORT and prints its URL.
#   source .ci/postgres.sh start   → exports PG_TMP, PGPORT, PG_URL
#   .ci/postgres.sh stop DIR
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
cmd=${1:-start}
if [ "$cmd" = start ]; then
	if [ ! -x "$BIN/initdb" ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
	fi
	PGPORT=${PGPORT:-55432}
	PG_TMP=$(mktemp -d /tmp/dx-pg.XXXXXX)
	chmod 755 "$PG_TMP"
	install -d -o postgres -g postgres "$PG_TMP/data" "$PG_TMP/sock"
	runuser -u postgres -- "$BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
	runuser -u postgres -- "$BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/sock/log" -w start \
		-o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_TMP/sock -c max_connections=300 -c fsync=off -c shared_buffers=256MB" >/dev/null
	PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
	export PG_TMP PGPORT PG_URL
	echo "PostgreSQL 15 on $PG_URL ($PG_TMP)" >&2
elif [ "$cmd" = stop ]; then
	dir=${2:?data dir}
	runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	rm -rf "$dir"
fi
