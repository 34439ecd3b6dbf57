#!/usr/bin/env bash
# The exam and check-in benchmarks' correctness checks through PgBouncer in transaction-pooling
# mode (DB_PREPARE=0): a throwaway PostgreSQL 15, PgBouncer in front, and both benchmarks at a
# small size with every server and check connection going through PgBouncer.
#   PGPORT=… BOUNCER_PORT=… bash .ci/pgbouncer-benches.sh
# Fails if either reports an error, a lost or missing answer, attempt, submission or check-in,
# or a duplicate. Speed is not judged here: this is about what transaction pooling must not break.
# DB_PREPARE=1 runs them with prepared statements, to see what that breaks behind PgBouncer.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPORT=${PGPORT:-56440}
BOUNCER_PORT=${BOUNCER_PORT:-56439}
learners=${LEARNERS:-300}

PG_TMP= BOUNCER_TMP=
stop_all() {
	set +e
	[ -z "$BOUNCER_TMP" ] || .ci/pgbouncer.sh stop "$BOUNCER_TMP"
	[ -z "$PG_TMP" ] || .ci/postgres.sh stop "$PG_TMP"
}
trap stop_all EXIT
# shellcheck source=postgres.sh
source .ci/postgres.sh start
set -euo pipefail
bouncer_env=$(BOUNCER_PORT=$BOUNCER_PORT .ci/pgbouncer.sh start "$PGPORT")
eval "$bouncer_env"

# The last line of a benchmark's output is its JSON; `checks` are expressions on it (`s`).
judge() {
	local name=$1 out=$2 checks=$3
	node -e '
		const [name, file, checks] = process.argv.slice(1);
		const lines = require("fs").readFileSync(file, "utf8").trim().split("\n");
		let s;
		try { s = JSON.parse(lines.at(-1)); } catch { console.error(`${name}: no JSON summary`); process.exit(1); }
		const failed = checks.split(";").filter((c) => !Function("s", `return (${c})`)(s));
		console.log(`${name} through PgBouncer: ${failed.length ? "FAILED " + failed.join("; ") : "correct"} ` +
			JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => /learners|started|submitted|errors|missing|lost|duplicate|checkins|replays_refused|bad_papers|ungraded/.test(k)))));
		process.exit(failed.length ? 1 : 0);
	' "$name" "$out" "$checks"
}

export BENCH_DATABASE_URL=$BOUNCER_URL DB_PREPARE=${DB_PREPARE-0} LEARNERS=$learners BENCH_LEARNERS=$learners BENCH_PORT=${BENCH_PORT:-4600}
out=$(mktemp)
status=0

echo "[pgbouncer] bench:exam, $learners learners" >&2
# Bounded: a server that cannot reach its database would leave a benchmark waiting.
BENCH_STEPS=none BENCH_SAVE_SECONDS=${BENCH_SAVE_SECONDS:-10} timeout -k 10 420 npm run -s bench:exam >"$out" || true
judge bench:exam "$out" 's.learners > 0; s.started === s.learners; s.submitted === s.started; s.errors === 0; s.missing === 0; s.missing_answers === 0; s.missing_submissions === 0; s.lost_attempts === 0; s.ungraded_answers === 0; s.bad_papers === 0; s.duplicate_attempts === 0' || status=1

echo "[pgbouncer] bench:checkin, $learners learners" >&2
timeout -k 10 300 npm run -s bench:checkin >"$out" || true
judge bench:checkin "$out" 's.learners > 0; s.checkins === s.learners; s.errors === 0; s.duplicates === 0; s.replays_refused === s.replays_tried' || status=1

# And they did go through PgBouncer: its console counts the benchmark databases' transactions.
xacts=$(runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -X -A -t "postgres://postgres:dx-bouncer@127.0.0.1:$BOUNCER_PORT/pgbouncer" -c 'show stats' |
	awk -F'|' '$1 ~ /^dx_bench_/ { n += $2 } END { print n + 0 }')
echo "[pgbouncer] transactions PgBouncer pooled for the benchmarks: $xacts" >&2
[ "$xacts" -gt "$learners" ] || { echo 'pgbouncer-benches: the benchmarks did not run through PgBouncer' >&2; status=1; }

# Kysely's migrator (every server start) takes a session-level advisory lock that transaction
# pooling does not keep; a lock left on a pooled server connection would hold up the next start.
left=$(runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -X -A -t -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
	-c "select count(*) from pg_locks where locktype = 'advisory' and granted")
echo "[pgbouncer] advisory locks left on PgBouncer's server connections: $left" >&2

rm -f "$out"
exit $status
