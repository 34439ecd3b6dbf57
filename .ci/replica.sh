#!/usr/bin/env bash
# A throwaway PostgreSQL 15 primary and a streaming standby of it (pg_basebackup -R), both on
# 127.0.0.1, for the read-replica tests (DATABASE_READ_URL).
#   eval "$(.ci/replica.sh start)"   → REPLICA_TMP, PRIMARY_URL, STANDBY_URL
#   .ci/replica.sh stop "$REPLICA_TMP"
# PRIMARY_PORT and STANDBY_PORT choose the ports (defaults 56432 and 56433). Prints only the
# assignments on stdout, so the vitest files can start their own pair the same way.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
cmd=${1:-start}
as_postgres() { runuser -u postgres -- "$@"; }

if [ "$cmd" = start ]; then
	if [ ! -x "$BIN/pg_basebackup" ]; then
		apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null </dev/null
	fi
	primary_port=${PRIMARY_PORT:-56432}
	standby_port=${STANDBY_PORT:-56433}
	dir=$(mktemp -d /tmp/dx-replica.XXXXXX)
	chmod 755 "$dir"
	install -d -m 700 -o postgres -g postgres "$dir/primary" "$dir/standby"
	install -d -o postgres -g postgres "$dir/sock"
	# Whatever fails from here on must not leave a server running (an EXIT trap: set -e
	# leaves from inside functions, where an ERR trap does not run).
	give_up() {
		set +e
		tail -n 20 "$dir"/sock/*.log >&2 2>/dev/null
		as_postgres "$BIN/pg_ctl" -D "$dir/standby" -m immediate stop >/dev/null 2>&1
		as_postgres "$BIN/pg_ctl" -D "$dir/primary" -m immediate stop >/dev/null 2>&1
		rm -rf "$dir"
	}
	trap give_up EXIT
	as_postgres "$BIN/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
	# As a deployment would: a role of its own for replication, and the pg_hba line that lets it in.
	echo 'host replication replicator 127.0.0.1/32 trust' >>"$dir/primary/pg_hba.conf"
	# Both servers take the same settings: a standby refuses to start with fewer
	# max_connections than its primary. fsync=off: a throwaway cluster, nothing to keep.
	common="-c listen_addresses=127.0.0.1 -k $dir/sock -c max_connections=300 -c fsync=off -c shared_buffers=128MB"
	as_postgres "$BIN/pg_ctl" -D "$dir/primary" -l "$dir/sock/primary.log" -w start \
		-o "$common -p $primary_port -c wal_level=replica -c max_wal_senders=5 -c wal_keep_size=256MB" >/dev/null
	as_postgres "$BIN/psql" -X -q -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -c 'create role replicator with replication login' >/dev/null
	# -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
	as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U replicator -D "$dir/standby" -R -X stream -c fast
	# hot_standby_feedback: the primary's vacuum waits for the standby's queries instead of
	# cancelling them (a long export on the standby would otherwise fail with a conflict).
	as_postgres "$BIN/pg_ctl" -D "$dir/standby" -l "$dir/sock/standby.log" -w start \
		-o "$common -p $standby_port -c hot_standby=on -c hot_standby_feedback=on" >/dev/null
	# Ready when the standby is in recovery and has replayed everything the primary has written.
	q() { as_postgres "$BIN/psql" -X -A -t -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"; }
	target=$(q "$primary_port" 'select pg_current_wal_lsn()')
	for _ in $(seq 1 100); do
		if [ "$(q "$standby_port" "select pg_is_in_recovery() and pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ]; then
			ready=1
			break
		fi
		sleep 0.1
	done
	if [ -z "${ready:-}" ]; then
		echo "replica.sh: the standby on port $standby_port did not replay the primary's WAL within 10 s" >&2
		exit 1
	fi
	trap - EXIT
	echo "PostgreSQL 15 primary on $primary_port, streaming standby on $standby_port ($dir)" >&2
	echo "REPLICA_TMP=$dir"
	echo "PRIMARY_URL=postgres://postgres@127.0.0.1:$primary_port/postgres"
	echo "STANDBY_URL=postgres://postgres@127.0.0.1:$standby_port/postgres"
elif [ "$cmd" = stop ]; then
	dir=${2:?replica dir}
	[ -d "$dir" ] || exit 0
	for node in standby primary; do
		[ -d "$dir/$node" ] && as_postgres "$BIN/pg_ctl" -D "$dir/$node" -m fast -w stop >/dev/null 2>&1 || true
	done
	rm -rf "$dir"
else
	echo "usage: $0 start | stop DIR" >&2
	exit 2
fi
