import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { THROTTLE, reserveAttempt, throttleState } from './throttle';

const MINUTE = 60_000;
// A fixed clock: every attempt is written with an explicit time and read with `now`.
const T0 = new Date('2026-03-02T08:00:00Z').getTime();
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const open = { locked: false, retryAfterMinutes: 0, scope: null };

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

async function attempt(username: string, ip: string, succeeded: boolean, minutes: number) {
	await t.db.insertInto('loginAttempt').values({ username, ip, succeeded, at: at(minutes) }).execute();
}

describe('login throttle', () => {
	it('locks a username from one address after 5 failures there, not from other addresses', async () => {
		for (let i = 0; i < THROTTLE.perPair - 1; i++) await attempt('u-pair', '10.0.0.1', false, i);
		expect(await throttleState(t.db, 'u-pair', '10.0.0.1', at(4))).toEqual(open);

		await attempt('u-pair', '10.0.0.1', false, 4);
		// The lock runs 15 minutes from the oldest failure counted (minute 0).
		expect(await throttleState(t.db, 'u-pair', '10.0.0.1', at(5))).toEqual({ locked: true, retryAfterMinutes: 10, scope: 'pair' });
		expect(await throttleState(t.db, 'u-pair', '10.0.0.1', at(14.5))).toEqual({ locked: true, retryAfterMinutes: 1, scope: 'pair' });
		// The same account from another address, and another account from this one, are open.
		expect(await throttleState(t.db, 'u-pair', '10.0.0.9', at(5))).toEqual(open);
		expect(await throttleState(t.db, 'u-other', '10.0.0.1', at(5))).toEqual(open);
	});

	it('locks the account from every address after 20 failures from all addresses together', async () => {
		for (let i = 0; i < THROTTLE.perAccount - 1; i++) await attempt('u-account', `10.0.4.${i % 4}`, false, i / 10);
		expect(await throttleState(t.db, 'u-account', '10.0.4.99', at(2))).toEqual(open);

		await attempt('u-account', '10.0.4.3', false, 2);
		expect(await throttleState(t.db, 'u-account', '10.0.4.99', at(3))).toEqual({ locked: true, retryAfterMinutes: 12, scope: 'account' });
		expect((await throttleState(t.db, 'u-account', '10.0.4.99', at(15.5))).locked).toBe(false);
	});

	it('lets the lock expire once the failures leave the window', async () => {
		for (let i = 0; i < 5; i++) await attempt('u-expire', '10.0.1.1', false, i);
		expect((await throttleState(t.db, 'u-expire', '10.0.1.1', at(14))).locked).toBe(true);
		// At minute 15.5 the failure at minute 0 has left the window: 4 remain.
		expect(await throttleState(t.db, 'u-expire', '10.0.1.1', at(15.5))).toEqual(open);
		expect((await throttleState(t.db, 'u-expire', '10.0.1.1', at(60))).locked).toBe(false);
	});

	it('forgets earlier failures after a successful login', async () => {
		for (let i = 0; i < 4; i++) await attempt('u-reset', '10.0.2.1', false, i);
		await attempt('u-reset', '10.0.2.1', true, 4);
		await attempt('u-reset', '10.0.2.1', false, 5);
		await attempt('u-reset', '10.0.2.1', false, 6);
		expect((await throttleState(t.db, 'u-reset', '10.0.2.1', at(7))).locked).toBe(false);

		for (let i = 7; i < 10; i++) await attempt('u-reset', '10.0.2.1', false, i);
		// Five failures since the success (minutes 5–9): locked until minute 20.
		expect(await throttleState(t.db, 'u-reset', '10.0.2.1', at(10))).toEqual({ locked: true, retryAfterMinutes: 10, scope: 'pair' });
	});

	it('limits failures per IP across usernames', async () => {
		for (let i = 0; i < THROTTLE.perIp - 1; i++) await attempt(`spray-${i}`, '10.9.9.9', false, i / 10);
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.9', at(3))).locked).toBe(false);

		await attempt('spray-last', '10.9.9.9', false, 3);
		expect(await throttleState(t.db, 'fresh-user', '10.9.9.9', at(3))).toEqual({ locked: true, retryAfterMinutes: 12, scope: 'ip' });
		// Other addresses can still log in, and the window ends the IP lock too.
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.8', at(3))).locked).toBe(false);
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.9', at(16))).locked).toBe(false);
	});

	it('reserves attempts only below the limit: a refused one is not recorded', async () => {
		for (let i = 0; i < THROTTLE.perPair; i++) expect(await reserveAttempt(t.db, 'u-reserve', '10.0.5.1')).toMatchObject({ reserved: true });
		expect(await reserveAttempt(t.db, 'u-reserve', '10.0.5.1')).toMatchObject({ reserved: false, state: { scope: 'pair' } });
		const rows = await t.db.selectFrom('loginAttempt').select('succeeded').where('username', '=', 'u-reserve').execute();
		expect(rows).toEqual(Array.from({ length: THROTTLE.perPair }, () => ({ succeeded: false })));
	});

	it('counts with the database clock, not the app server clock', async () => {
		// The database's clock runs two hours behind the app server's: attempts are stamped by the
		// database, so an app that judged them by its own clock would see none of them in the window.
		// On one connection, now() is dbclock.now() (search_path) and login_attempt.at defaults to it.
		await t.db.connection().execute(async (c) => {
			await sql`create schema if not exists dbclock`.execute(c);
			await sql`create or replace function dbclock.now() returns timestamptz language sql stable as $$ select pg_catalog.now() - interval '2 hours' $$`.execute(c);
			await sql`alter table login_attempt alter column at set default dbclock.now()`.execute(c);
			await sql`set search_path = dbclock, public, pg_catalog`.execute(c);
			try {
				const clock = await sql<{ behind: boolean }>`select now() < pg_catalog.now() - interval '1 hour' as behind`.execute(c);
				expect(clock.rows[0].behind).toBe(true);
				for (let i = 0; i < 5; i++) await reserveAttempt(c, 'u-live', '10.0.3.1');
				expect(await throttleState(c, 'u-live', '10.0.3.1')).toEqual({ locked: true, retryAfterMinutes: 15, scope: 'pair' });
			} finally {
				await sql`set search_path to default`.execute(c);
				await sql`alter table login_attempt alter column at set default pg_catalog.now()`.execute(c);
			}
		});
	});
});
