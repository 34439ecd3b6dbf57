// What the app relies on from the database driver. This holds src/lib/server/db/postgres-driver.ts
// to it: plain queries share the pipelined pool, while a transaction keeps one connection from
// BEGIN to COMMIT. So it runs on PostgreSQL whenever the machine has one: the run's
// (TEST_DATABASE_URL), else a throwaway PostgreSQL 15 of its own even in the default PGlite run.
// Only where neither exists (never in CI, which fails here instead) does it check PGlite.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import { openPostgres, type OpenDatabase } from './engine';
import { assertThrowawayPostgresInCi, canRunThrowawayPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';
import { prepared } from './prepared';
import { migrateToLatest } from './migrate';
import { insertOrgUnit } from '../org/units';

assertThrowawayPostgresInCi();
const ownPostgres = inject('testDb').engine === 'pglite' && canRunThrowawayPostgres();

let pg: ThrowawayPostgres | undefined;
let t: OpenDatabase;
let orgUnitId: number;
beforeAll(async () => {
	if (ownPostgres) {
		pg = await startThrowawayPostgres();
		t = openPostgres(pg.url, 5);
		await migrateToLatest(t.db);
	} else t = await testDatabase();
	orgUnitId = (await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '驱动测试党委', code: 'DRV' })).id;
}, 60_000);
afterAll(async () => {
	await t?.close();
	pg?.destroy();
});

const setting = sql<{ v: string | null }>`select current_setting('dx.test', true) as v`;

describe('database driver', () => {
	it('runs on PostgreSQL whenever this machine has one', () => {
		expect(t.engine).toBe(canRunThrowawayPostgres() || inject('testDb').engine === 'postgresql' ? 'postgresql' : 'pglite');
	});

	it('runs a transaction on one connection, and concurrent transactions apart', async () => {
		const inside = (value: string) =>
			t.db.transaction().execute(async (trx) => {
				await sql`select set_config('dx.test', ${value}, true)`.execute(trx);
				await new Promise((r) => setTimeout(r, 20)); // let the other transaction interleave
				return (await setting.execute(trx)).rows[0].v;
			});
		expect(await Promise.all([inside('a'), inside('b'), inside('c')])).toEqual(['a', 'b', 'c']);
		// set_config(…, true) lasts until the end of the transaction
		expect([null, '']).toContain((await setting.execute(t.db)).rows[0].v);
	});

	it('rolls a failed transaction back and frees its connection', async () => {
		const username = `driver-${Date.now()}`;
		const person = { username, name: '驱动测试', gender: 'female' as const, orgUnitId };
		await expect(
			t.db.transaction().execute(async (trx) => {
				await trx.insertInto('person').values(person).execute();
				await sql`select 1 / 0`.execute(trx);
			})
		).rejects.toThrow();
		expect(await t.db.selectFrom('person').select('id').where('username', '=', username).execute()).toEqual([]);

		// the connection is usable again afterwards
		await t.db.transaction().execute((trx) => trx.insertInto('person').values(person).execute());
		expect(await t.db.selectFrom('person').select('username').where('username', '=', username).execute()).toEqual([{ username }]);
	});

	it('keeps the queries of one db.connection() scope on one session (the migrator’s lock)', async () => {
		let slow: Promise<unknown> | undefined;
		const released = await t.db.connection().execute(async (c) => {
			expect((await sql<{ ok: boolean }>`select pg_try_advisory_lock(4242) as ok`.execute(c)).rows[0].ok).toBe(true);
			// As the migrator does: a transaction in between, on the scope's connection.
			await c.transaction().execute((trx) => sql`select 1`.execute(trx));
			// A slow query elsewhere, in flight first, makes the lock's connection the busiest one.
			slow = sql`select pg_sleep(0.3)`.execute(t.db);
			await new Promise((r) => setTimeout(r, 50));
			return (await sql<{ ok: boolean }>`select pg_advisory_unlock(4242) as ok`.execute(c)).rows[0].ok;
		});
		await slow;
		expect(released).toBe(true);
	});

	it('migrating leaves no lock behind (else the next instance to start waits for an hour)', async () => {
		await migrateToLatest(t.db);
		const held = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted`.execute(t.db);
		expect(held.rows[0].n).toBe(0);
	});

	it('writes a bulk insert with hundreds of parameters (sent unprepared) and reads it back', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => ({ username: `bulk-${Date.now()}-${i}`, name: `批量${i}`, gender: 'male' as const, orgUnitId }));
		const ids = await t.db.insertInto('person').values(rows).returning('id').execute();
		expect(ids).toHaveLength(120);
	});

	it('runs a prepared query with each call’s own parameters, many at once', async () => {
		const byUsername = prepared((db, username: string) => db.selectFrom('person').select(['username']).where('username', '=', username));
		const people = await t.db.selectFrom('person').select('username').limit(20).execute();
		const found = await Promise.all(people.map((p) => byUsername.first(t.db, p.username)));
		expect(found.map((f) => f?.username)).toEqual(people.map((p) => p.username));
		expect(await byUsername.first(t.db, 'nobody-by-this-name')).toBeUndefined();
	});
});
