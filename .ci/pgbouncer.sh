#!/usr/bin/env bash
# PgBouncer (Debian's) in transaction-pooling mode in front of a PostgreSQL on this machine.
#   eval "$(.ci/pgbouncer.sh start POSTGRES_PORT)"   → BOUNCER_TMP, BOUNCER_URL
#   .ci/pgbouncer.sh stop "$BOUNCER_TMP"
# BOUNCER_PORT chooses its port (default 56439). Every database name is passed through to the
# server (`* =`), so a benchmark's fresh database needs no entry. The app behind it must run
# with DB_PREPARE=0: a transaction-mode pooler hands each transaction whichever server
# connection is free, where a statement prepared on another one does not exist.
set -euo pipefail
cmd=${1:-start}

if [ "$cmd" = start ]; then
	pg_port=${2:?the PostgreSQL port}
	port=${BOUNCER_PORT:-56439}
	if ! command -v pgbouncer >/dev/null; then
		apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null </dev/null
	fi
	dir=$(mktemp -d /tmp/dx-pgbouncer.XXXXXX)
	chmod 755 "$dir"
	# auth_type=md5 with a userlist, as a deployment has it (the throwaway server itself trusts).
	echo '"postgres" "dx-bouncer"' >"$dir/userlist.txt"
	cat >"$dir/pgbouncer.ini" <<-EOF
		[databases]
		* = host=127.0.0.1 port=$pg_port

		[pgbouncer]
		listen_addr = 127.0.0.1
		listen_port = $port
		unix_socket_dir =
		auth_type = md5
		auth_file = $dir/userlist.txt
		pool_mode = transaction
		; the app's servers keep a few pipelined connections each, the benchmarks' checks more
		max_client_conn = 500
		default_pool_size = 20
		logfile = $dir/pgbouncer.log
		pidfile = $dir/pgbouncer.pid
		admin_users = postgres
	EOF
	chown -R postgres:postgres "$dir"
	# PgBouncer refuses to run as root.
	runuser -u postgres -- pgbouncer -d -q "$dir/pgbouncer.ini"
	for _ in $(seq 1 50); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			ready=1
			break
		fi
		sleep 0.1
	done
	if [ -z "${ready:-}" ]; then
		echo "pgbouncer.sh: PgBouncer did not listen on $port" >&2
		cat "$dir/pgbouncer.log" >&2 || true
		[ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null
		rm -rf "$dir"
		exit 1
	fi
	echo "PgBouncer (transaction pooling) on $port in front of PostgreSQL on $pg_port ($dir)" >&2
	echo "BOUNCER_TMP=$dir"
	echo "BOUNCER_URL=postgres://postgres:dx-bouncer@127.0.0.1:$port/postgres"
elif [ "$cmd" = stop ]; then
	dir=${2:?pgbouncer dir}
	[ -d "$dir" ] || exit 0
	if [ -f "$dir/pgbouncer.pid" ]; then
		pid=$(cat "$dir/pgbouncer.pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -rf "$dir"
else
	echo "usage: $0 start POSTGRES_PORT | stop DIR" >&2
	exit 2
fi
