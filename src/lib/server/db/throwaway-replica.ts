// Test support: a PostgreSQL 15 primary with a streaming standby. The run's own pair when it
// gives one (TEST_DATABASE_URL = the primary, TEST_DATABASE_READ_URL = its standby: .ci/run's
// replica step), else a throwaway pair from .ci/replica.sh (one implementation for CI and tests).
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import type { Db } from './engine';
import { canRunThrowawayPostgres, freePort, inCi } from './throwaway-postgres';

export interface ReplicaPair {
	primaryUrl: string;
	standbyUrl: string;
	/** Whose pair: the run's (left running) or this file's own (stopped by destroy). */
	own: boolean;
	destroy(): void;
}

/** The run's pair, a throwaway one, or undefined where neither can be had (never in CI). */
export async function replicaPair(env: NodeJS.ProcessEnv = process.env): Promise<ReplicaPair | undefined> {
	const primaryUrl = env.TEST_DATABASE_URL;
	const standbyUrl = env.TEST_DATABASE_READ_URL;
	if (standbyUrl) {
		if (!primaryUrl) throw new Error('TEST_DATABASE_READ_URL 需要 TEST_DATABASE_URL（它的主库）');
		return { primaryUrl, standbyUrl, own: false, destroy() {} };
	}
	if (!canRunThrowawayPostgres()) {
		if (inCi()) throw new Error(`CI=${env.CI} but PostgreSQL 15 cannot run here: the replica tests need it (see .ci/run)`);
		return undefined;
	}
	const [primaryPort, standbyPort] = [await freePort(), await freePort()];
	const out = execFileSync('bash', ['.ci/replica.sh', 'start'], {
		encoding: 'utf8',
		env: { ...env, PRIMARY_PORT: String(primaryPort), STANDBY_PORT: String(standbyPort) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const vars = Object.fromEntries(out.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
	return {
		primaryUrl: vars.PRIMARY_URL,
		standbyUrl: vars.STANDBY_URL,
		own: true,
		destroy: () => execFileSync('bash', ['.ci/replica.sh', 'stop', vars.REPLICA_TMP], { stdio: 'inherit' })
	};
}

/** Until the standby has replayed everything written on the primary so far (at most `ms`). */
export async function replayed(primary: Db, standby: Db, ms = 15_000) {
	const { lsn } = (await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary)).rows[0];
	const until = Date.now() + ms;
	for (;;) {
		const { done } = (await sql<{ done: boolean }>`select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`.execute(standby)).rows[0];
		if (done) return;
		if (Date.now() > until) throw new Error(`the standby has not replayed ${lsn} within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
