import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../db/testing';
import type { OpenDatabase } from '../db/engine';
import { THROTTLE, recordLoginAttempt, throttleState } from './throttle';

const MINUTE = 60_000;
// A fixed clock: every attempt is written with an explicit time and read with `now`.
const T0 = new Date('2026-03-02T08:00:00Z').getTime();
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

async function attempt(username: string, ip: string, succeeded: boolean, minutes: number) {
	await t.db.insertInto('loginAttempt').values({ username, ip, succeeded, at: at(minutes) }).execute();
}

describe('login throttle', () => {
	it('locks a username after 5 failures within the window', async () => {
		for (let i = 0; i < THROTTLE.perUsername - 1; i++) await attempt('u-lock', '10.0.0.1', false, i);
		expect(await throttleState(t.db, 'u-lock', '10.0.0.9', at(4))).toEqual({ locked: false, retryAfterMinutes: 0 });

		await attempt('u-lock', '10.0.0.2', false, 4);
		// The lock runs 15 minutes from the oldest failure counted (minute 0), whichever IP it came from.
		expect(await throttleState(t.db, 'u-lock', '10.0.0.9', at(5))).toEqual({ locked: true, retryAfterMinutes: 10 });
		expect(await throttleState(t.db, 'u-lock', '10.0.0.9', at(14.5))).toEqual({ locked: true, retryAfterMinutes: 1 });
		// Another username from the same IP is not affected.
		expect((await throttleState(t.db, 'u-other', '10.0.0.1', at(5))).locked).toBe(false);
	});

	it('lets the lock expire once the failures leave the window', async () => {
		for (let i = 0; i < 5; i++) await attempt('u-expire', '10.0.1.1', false, i);
		expect((await throttleState(t.db, 'u-expire', '10.0.1.1', at(14))).locked).toBe(true);
		// At minute 15.5 the failure at minute 0 has left the window: 4 remain.
		expect(await throttleState(t.db, 'u-expire', '10.0.1.1', at(15.5))).toEqual({ locked: false, retryAfterMinutes: 0 });
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
		expect(await throttleState(t.db, 'u-reset', '10.0.2.1', at(10))).toEqual({ locked: true, retryAfterMinutes: 10 });
	});

	it('limits failures per IP across usernames', async () => {
		for (let i = 0; i < THROTTLE.perIp - 1; i++) await attempt(`spray-${i}`, '10.9.9.9', false, i / 10);
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.9', at(3))).locked).toBe(false);

		await attempt('spray-last', '10.9.9.9', false, 3);
		const state = await throttleState(t.db, 'fresh-user', '10.9.9.9', at(3));
		expect(state).toEqual({ locked: true, retryAfterMinutes: 12 });
		// Other addresses can still log in, and the window ends the IP lock too.
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.8', at(3))).locked).toBe(false);
		expect((await throttleState(t.db, 'fresh-user', '10.9.9.9', at(16))).locked).toBe(false);
	});

	it('records attempts with the database clock', async () => {
		const before = Date.now();
		for (let i = 0; i < 5; i++) await recordLoginAttempt(t.db, 'u-live', '10.0.3.1', false);
		const state = await throttleState(t.db, 'u-live', '10.0.3.1');
		expect(state).toEqual({ locked: true, retryAfterMinutes: 15 });
		const rows = await t.db.selectFrom('loginAttempt').select(['at', 'succeeded']).where('username', '=', 'u-live').execute();
		expect(rows).toHaveLength(5);
		for (const r of rows) expect(r.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
		expect((await throttleState(t.db, 'u-live', '10.0.3.1', new Date(Date.now() + THROTTLE.window + MINUTE))).locked).toBe(false);
	});
});
