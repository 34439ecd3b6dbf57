// Reads that tolerate a few seconds of lag — boards, statistics, lists, exports — may go to a
// streaming replica (DATABASE_READ_URL), so that a report's heavy query does not compete with
// exam saves and check-ins on the primary. Everything a person has just written, and every
// check before a write, reads the primary (locals.db): actions never go through here.
//
//   export const load: PageServerLoad = fromReplica(async ({ locals, url }) => { … locals.db … });
//
// Inside, locals.db is the replica; without DATABASE_READ_URL it is the primary and nothing
// changes. A page load's data gains `dataAsOf` ('HH:MM:SS', Shanghai) while the replica lags,
// which <DataAsOf/> in the root layout shows as 「数据截至 HH:MM:SS」.
import { sql } from 'kysely';
import { formatShanghai } from '$lib/time/shanghai';
import { readDatabase } from './index';
import type { Db } from './engine';

/**
 * Lag from which a page says how old its data is. A healthy streaming replica on the same
 * network replays within a second; a few seconds is a person saving and then opening the board,
 * who should not be told anything. Past 5 s the replica is catching up after a burst (exam
 * submissions, an import) or has lost its primary, and a figure that disagrees with what the
 * person just did needs its time beside it.
 */
export const REPLICA_NOTICE_LAG_SECONDS = 5;

export interface ReplicaState {
	/** The server is a standby (in recovery); false for a primary, whose lag is 0. */
	standby: boolean;
	/** How far behind the primary its data is, in seconds. */
	lagSeconds: number;
	/** When the last transaction it replayed had committed on the primary (null: none yet). */
	replayedAt: Date | null;
}

// now() - pg_last_xact_replay_timestamp() alone is wrong on an idle primary: nothing is written,
// nothing replayed, and the last replayed commit grows old while the standby is fully current.
// So a standby that streams (its WAL receiver runs) and has replayed all it received lags 0; one
// whose receiver is gone (primary unreachable) or that is still replaying lags by its last commit.
// The receiver's row is visible to any role (its details are not, hence only `pid`).
const stateQuery = sql<{ standby: boolean; lagSeconds: number | null; replayedAt: Date | null }>`
	select pg_is_in_recovery() as standby,
		pg_last_xact_replay_timestamp() as replayed_at,
		case
			when not pg_is_in_recovery() then 0
			when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
				and exists (select 1 from pg_stat_wal_receiver where pid is not null) then 0
			else extract(epoch from now() - pg_last_xact_replay_timestamp())
		end::float8 as lag_seconds`;

export async function replicaState(db: Db): Promise<ReplicaState> {
	const row = (await stateQuery.execute(db)).rows[0];
	// A standby that has replayed no transaction yet has nothing to measure from: treat as current.
	return { standby: row.standby, lagSeconds: Math.max(0, row.lagSeconds ?? 0), replayedAt: row.replayedAt };
}

/** 'HH:MM:SS' (Shanghai) of the replica's data when it lags past `threshold` seconds, else undefined. */
export function dataAsOf(state: ReplicaState, thresholdSeconds = REPLICA_NOTICE_LAG_SECONDS): string | undefined {
	if (!state.standby || state.lagSeconds <= thresholdSeconds) return undefined;
	return formatShanghai(state.replayedAt ?? Date.now() - state.lagSeconds * 1000, 'HH:mm:ss');
}

export interface ReplicaNote {
	/** Set while the replica lags: the time its data is from (「数据截至 HH:MM:SS」). */
	dataAsOf?: string;
}

type ReadEvent = { locals: App.Locals };

/**
 * Runs a GET load or endpoint with locals.db on the read handle. Only for reads that tolerate a
 * few seconds of lag, never for an action or a load that writes (a standby refuses writes).
 */
export function fromReplica<E extends ReadEvent>(handler: (event: E) => Promise<Response>): (event: E) => Promise<Response>;
export function fromReplica<E extends ReadEvent, R extends Record<string, unknown>>(handler: (event: E) => Promise<R>): (event: E) => Promise<R & ReplicaNote>;
export function fromReplica<E extends ReadEvent>(handler: (event: E) => Promise<unknown>) {
	return async (event: E) => {
		const db = await readDatabase();
		if (db === event.locals.db) return handler(event);
		// A view of the request whose locals.db is the replica; the layouts' loads, running
		// beside this one, keep the primary in the request's own locals.
		const locals = { ...event.locals, db };
		const onReplica = new Proxy(event, { get: (target, key) => (key === 'locals' ? locals : Reflect.get(target, key)) });
		const [result, state] = await Promise.all([handler(onReplica), replicaState(db)]);
		if (result instanceof Response) return result;
		const asOf = dataAsOf(state);
		return asOf ? { ...(result as object), dataAsOf: asOf } : result;
	};
}
