// The driver (postgres-driver.ts) while PostgreSQL is stopped and started again: queries and
// transactions fail at once with DatabaseUnavailableError instead of waiting for reconnect
// attempts, and both work again as soon as PostgreSQL is back — including the connection of a
// transaction that was cut off in the middle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPostgres, type OpenDatabase } from './engine';
import { assertThrowawayPostgresInCi, canRunThrowawayPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';
import { isDatabaseUnavailable } from './unavailable';

assertThrowawayPostgresInCi();

const settle = async (work: Promise<unknown>) => {
	const started = performance.now();
	const outcome = await work.then(
		() => 'ok' as const,
		(e: unknown) => (isDatabaseUnavailable(e) ? ('unavailable' as const) : `other: ${(e as Error).message}`)
	);
	return { outcome, ms: performance.now() - started };
};

describe.skipIf(!canRunThrowawayPostgres())('the driver while PostgreSQL is down', () => {
	let pg: ThrowawayPostgres;
	let t: OpenDatabase;
	beforeAll(async () => {
		pg = await startThrowawayPostgres();
		t = openPostgres(pg.url, 2);
		await sql`select 1`.execute(t.db);
	}, 60_000);
	afterAll(async () => {
		await t?.close();
		pg?.destroy();
	});

	it('fails every query and transaction at once, and works again right after a restart', async () => {
		// A transaction in the middle of its work when PostgreSQL stops.
		let inTransaction: (() => void) | undefined;
		const cutOff = settle(
			t.db.transaction().execute(async (trx) => {
				await sql`select 1`.execute(trx);
				await new Promise<void>((resolve) => (inTransaction = resolve));
				await sql`select 2`.execute(trx);
			})
		);
		await new Promise((r) => setTimeout(r, 100));
		await pg.stop();
		inTransaction!();
		expect((await cutOff).outcome).toBe('unavailable');

		for (let round = 0; round < 3; round++) {
			const plain = Array.from({ length: 40 }, () => settle(sql`select 1`.execute(t.db)));
			const transactions = Array.from({ length: 10 }, () => settle(t.db.transaction().execute((trx) => sql`select 1`.execute(trx))));
			const results = await Promise.all([...plain, ...transactions]);
			expect(results.filter((r) => r.outcome !== 'unavailable')).toEqual([]);
			expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(3000);
			await new Promise((r) => setTimeout(r, 500));
		}

		pg.start();
		const back = performance.now();
		let recovered = Number.POSITIVE_INFINITY;
		while (performance.now() - back < 10_000) {
			if ((await settle(sql`select 1`.execute(t.db))).outcome === 'ok') {
				recovered = performance.now() - back;
				break;
			}
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(recovered).toBeLessThan(2000);
		// Every transaction connection works again (none was left behind dead in the pool).
		const after = await Promise.all(
			Array.from({ length: 6 }, (_, i) => t.db.transaction().execute(async (trx) => (await sql<{ n: number }>`select ${i}::int as n`.execute(trx)).rows[0].n))
		);
		expect(after).toEqual([0, 1, 2, 3, 4, 5]);
		expect((await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity`.execute(t.db)).rows[0].n).toBeGreaterThan(0);
	}, 60_000);
});
