// The read replica (DATABASE_READ_URL) on a real PostgreSQL 15 primary and streaming standby:
// .ci/run's pair (TEST_DATABASE_URL + TEST_DATABASE_READ_URL), else one of this file's own.
// Where PostgreSQL 15 cannot run at all (never in CI, which fails instead) it checks what is
// left to check there: without DATABASE_READ_URL the read handle is the primary.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { openPostgres, type OpenDatabase } from './engine';
import { closeDatabase, database, readDatabase } from './index';
import { dataAsOf, fromReplica, replicaState, REPLICA_NOTICE_LAG_SECONDS } from './read';
import { replicaPair, replayed } from './throwaway-replica';
import { formatShanghai } from '$lib/time/shanghai';

const pair = await replicaPair();
const saved = { url: process.env.DATABASE_URL, read: process.env.DATABASE_READ_URL };
const table = `replica_probe_${randomBytes(4).toString('hex')}`;
const recovery = sql<{ r: boolean }>`select pg_is_in_recovery() as r`;
const inRecovery = async (db: OpenDatabase['db']) => (await recovery.execute(db)).rows[0].r;
const locals = (db: OpenDatabase['db']) => ({ db, user: null, session: null, arrivedAt: Date.now() }) as App.Locals;

afterEach(async () => {
	await closeDatabase();
	process.env.DATABASE_URL = saved.url;
	process.env.DATABASE_READ_URL = saved.read;
	if (saved.url === undefined) delete process.env.DATABASE_URL;
	if (saved.read === undefined) delete process.env.DATABASE_READ_URL;
});

if (!pair) {
	describe('read handle where PostgreSQL 15 cannot run', () => {
		it('is the primary itself without DATABASE_READ_URL', async () => {
			// postgres.js connects on the first query: nothing here needs the server.
			process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:9/unused';
			delete process.env.DATABASE_READ_URL;
			expect(await readDatabase()).toBe((await database()).db);
		});
	});
} else describe('read replica (DATABASE_READ_URL) on a PostgreSQL 15 primary and standby', () => {
	const { primaryUrl, standbyUrl } = pair;
	let primary: OpenDatabase;
	let standby: OpenDatabase;
	beforeAll(async () => {
		primary = openPostgres(primaryUrl, 2);
		standby = openPostgres(standbyUrl, 2);
		await sql`create table ${sql.id(table)} (id int primary key, note text not null)`.execute(primary.db);
	});
	afterAll(async () => {
		// A paused replay would hold up every other test file on the run's standby.
		await sql`select pg_wal_replay_resume()`.execute(standby.db).catch(() => {});
		await sql`drop table if exists ${sql.id(table)}`.execute(primary.db);
		await primary.close();
		await standby.close();
		pair.destroy();
	});

	it('reads through the standby, writes through the primary', async () => {
		process.env.DATABASE_URL = primaryUrl;
		process.env.DATABASE_READ_URL = standbyUrl;
		const write = (await database()).db;
		const read = await readDatabase();
		expect(read).not.toBe(write);
		expect(await inRecovery(write)).toBe(false);
		expect(await inRecovery(read)).toBe(true);
	});

	it('sees a write on the standby once replayed, and the standby refuses writes', async () => {
		await sql`insert into ${sql.id(table)} values (1, '主库写入')`.execute(primary.db);
		await replayed(primary.db, standby.db);
		const rows = await sql<{ note: string }>`select note from ${sql.id(table)} where id = 1`.execute(standby.db);
		expect(rows.rows).toEqual([{ note: '主库写入' }]);
		await expect(sql`insert into ${sql.id(table)} values (2, '副本写入')`.execute(standby.db)).rejects.toThrow(/read-only/);
	});

	it('counts no lag on a caught-up standby, however long the primary has been idle', async () => {
		await replayed(primary.db, standby.db);
		await new Promise((r) => setTimeout(r, 1500)); // the last replayed commit grows old
		const state = await replicaState(standby.db);
		expect(state).toMatchObject({ standby: true, lagSeconds: 0 });
		expect(dataAsOf(state, 0.5)).toBeUndefined();
		expect(await replicaState(primary.db)).toMatchObject({ standby: false, lagSeconds: 0 });
	});

	it('counts the lag of a standby behind its primary, and a page read there says how old its data is', async () => {
		process.env.DATABASE_URL = primaryUrl;
		process.env.DATABASE_READ_URL = standbyUrl;
		const load = fromReplica(async ({ locals }: { locals: App.Locals }) => ({ recovery: await inRecovery(locals.db) }));
		const request = { locals: locals((await database()).db) };
		expect(await load(request)).toEqual({ recovery: true }); // caught up: no notice

		await replayed(primary.db, standby.db);
		await sql`select pg_wal_replay_pause()`.execute(standby.db);
		try {
			const before = await replicaState(standby.db);
			await sql`insert into ${sql.id(table)} values (3, '尚未回放')`.execute(primary.db);
			// Received but not replayed: the standby now lags by the age of its last replayed commit.
			const until = Date.now() + (REPLICA_NOTICE_LAG_SECONDS + 10) * 1000;
			let state = await replicaState(standby.db);
			while (state.lagSeconds <= REPLICA_NOTICE_LAG_SECONDS && Date.now() < until) {
				await new Promise((r) => setTimeout(r, 250));
				state = await replicaState(standby.db);
			}
			expect(state.lagSeconds).toBeGreaterThan(REPLICA_NOTICE_LAG_SECONDS);
			expect(state.replayedAt).toEqual(before.replayedAt);
			const asOf = formatShanghai(state.replayedAt!, 'HH:mm:ss');
			expect(dataAsOf(state)).toBe(asOf);
			expect(await load(request)).toEqual({ recovery: true, dataAsOf: asOf });
			expect((await sql`select 1 from ${sql.id(table)} where id = 3`.execute(standby.db)).rows).toEqual([]);
		} finally {
			await sql`select pg_wal_replay_resume()`.execute(standby.db);
		}
		await replayed(primary.db, standby.db);
		expect((await sql`select 1 as one from ${sql.id(table)} where id = 3`.execute(standby.db)).rows).toEqual([{ one: 1 }]);
		expect(await load(request)).toEqual({ recovery: true });
	}, 30_000);

	it('hands an endpoint’s response through as it is', async () => {
		process.env.DATABASE_URL = primaryUrl;
		process.env.DATABASE_READ_URL = standbyUrl;
		const get = fromReplica(async ({ locals }: { locals: App.Locals }) => new Response(String(await inRecovery(locals.db))));
		const response = await get({ locals: locals((await database()).db) });
		expect(await response.text()).toBe('true');
	});

	it('is the primary itself without DATABASE_READ_URL', async () => {
		process.env.DATABASE_URL = primaryUrl;
		delete process.env.DATABASE_READ_URL;
		expect(await readDatabase()).toBe((await database()).db);
		const load = fromReplica(async ({ locals }: { locals: App.Locals }) => ({ recovery: await inRecovery(locals.db) }));
		expect(await load({ locals: locals((await database()).db) })).toEqual({ recovery: false });
	});
});
