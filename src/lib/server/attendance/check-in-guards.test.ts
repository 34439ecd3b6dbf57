import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RequestEvent } from '@sveltejs/kit';
import { checkIn, MAX_BAD_CODES, type CheckInRequest, type CheckInResult } from './check-in';
import { codeWindow, GRACE_SECONDS, signCode, verifyCode } from './codes';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../test-support/attendance';
import { checkInFromRequest } from './request';
import { checkInBody } from './schema';

// The two guards around a code's evaluation: how many wrong codes a person may try, and
// which clock a code is judged by.
let { t, school, secret } = {} as AttendanceTest;

beforeAll(async () => {
	({ t, school, secret } = await attendanceTestDatabase());
});
afterAll(() => t.close());

let device = 0;
const base = (personId: number, sessionId: number | undefined, code: string, now: Date): CheckInRequest => ({
	personId, sessionId, code, intent: 'in', deviceId: `guard-device-${++device}`, ip: '10.8.1.2', userAgent: 'vitest', now
});

/** `n` six-digit codes that are wrong for the session at `now`. */
function wrongCodes(sessionId: number, now: Date, n: number) {
	const codes: string[] = [];
	for (let i = 0; codes.length < n; i++) {
		const code = String(100000 + i * 7919);
		if (!verifyCode(secret, sessionId, code, 10, now.getTime()).ok) codes.push(code);
	}
	return codes;
}

const flagsOf = (personId: number, kind: string) =>
	t.db.selectFrom('attendanceFlag').select('id').where('personId', '=', personId).where('kind', '=', kind as 'bad_code').execute();

describe('the bad-code throttle', () => {
	it('evaluates at most the limit of 30 wrong codes sent at once from the QR link', async () => {
		const now = new Date('2026-05-04T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, now);
		const p = school.learners.a1.id;
		const results = await Promise.all(wrongCodes(id, now, 30).map((code) => checkIn(t.db, secret, base(p, id, code, now))));
		const evaluated = results.filter((r) => !r.ok && r.reason !== 'throttled');
		expect(evaluated.length).toBeLessThanOrEqual(MAX_BAD_CODES);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(30 - MAX_BAD_CODES);
		expect((await flagsOf(p, 'bad_code')).length).toBeLessThanOrEqual(MAX_BAD_CODES);
	});

	it('evaluates at most the limit of 30 wrong typed codes sent at once', async () => {
		const now = new Date('2026-05-11T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, now);
		const p = school.learners.a2.id;
		const results = await Promise.all(wrongCodes(id, now, 30).map((code) => checkIn(t.db, secret, base(p, undefined, code, now))));
		expect(results.filter((r) => !r.ok && r.reason !== 'throttled').length).toBeLessThanOrEqual(MAX_BAD_CODES);
		expect((await flagsOf(p, 'bad_code')).length).toBeLessThanOrEqual(MAX_BAD_CODES);
	});

	it('judges a right code against the wrong codes committed while it waited for the person\'s turn', async () => {
		// A right code is recorded in one statement (attendance_check_in) that takes the lock the
		// wrong codes are recorded under; its count must be read after the lock is granted, not
		// from a snapshot taken before it waited.
		const now = new Date('2026-05-25T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, now);
		const p = school.learners.m2.id;
		const right = signCode(secret, id, codeWindow(now.getTime(), 10));
		let pending: Promise<CheckInResult> | undefined;
		await t.db.transaction().execute(async (trx) => {
			await sql`select pg_advisory_xact_lock(7320040, ${p})`.execute(trx);
			pending = checkIn(t.db, secret, base(p, id, right, now));
			await new Promise((r) => setTimeout(r, 300));
			await trx
				.insertInto('attendanceFlag')
				.values(Array.from({ length: MAX_BAD_CODES }, () => ({ sessionId: id, personId: p, kind: 'bad_code' as const, detail: {} })))
				.execute();
		});
		expect(await pending).toMatchObject({ ok: false, reason: 'throttled' });
		expect(await t.db.selectFrom('attendance').select('id').where('sessionId', '=', id).where('personId', '=', p).execute()).toEqual([]);
		// The person's other tests start with no wrong codes on record.
		await t.db.deleteFrom('attendanceFlag').where('personId', '=', p).execute();
	});

	it('still lets a person who typed one wrong code check in right after', async () => {
		const now = new Date('2026-05-18T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, now);
		const p = school.learners.a3.id;
		const [wrong] = wrongCodes(id, now, 1);
		expect(await checkIn(t.db, secret, base(p, id, wrong, now))).toMatchObject({ ok: false, reason: 'bad_code' });
		const right = signCode(secret, id, codeWindow(now.getTime(), 10));
		expect(await checkIn(t.db, secret, base(p, id, right, now))).toMatchObject({ ok: true, action: 'in' });
	});
});

describe('a code is judged by the time its request arrived', () => {
	// A code's window ends at `windowEnd`; it is accepted until GRACE_SECONDS after that.
	const start = new Date('2026-06-01T11:00:00Z');
	const window = codeWindow(start.getTime(), 10);
	const windowEnd = (window + 1) * 10_000;
	const code = (id: number) => signCode(secret, id, window);

	it('accepts a code valid on arrival though processed after it expired (the database was slow)', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const arrivedAt = new Date(windowEnd + 5_000);
		const now = new Date(windowEnd + GRACE_SECONDS * 1000 + 10_000);
		const r = await checkIn(t.db, secret, { ...base(school.learners.m1.id, id, code(id), now), arrivedAt });
		expect(r).toMatchObject({ ok: true, action: 'in', status: 'present' });
		const row = await t.db.selectFrom('attendance').select('checkedInAt').where('sessionId', '=', id).executeTakeFirstOrThrow();
		expect(row.checkedInAt?.toISOString()).toBe(arrivedAt.toISOString());
		expect(await flagsOf(school.learners.m1.id, 'expired_code')).toEqual([]);
	});

	it('refuses a code that had already expired when the request arrived', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const arrivedAt = new Date(windowEnd + GRACE_SECONDS * 1000 + 1_000);
		const now = new Date(arrivedAt.getTime() + 5_000);
		expect(await checkIn(t.db, secret, { ...base(school.learners.m2.id, id, code(id), now), arrivedAt })).toMatchObject({ ok: false, reason: 'expired_code' });
		expect(await t.db.selectFrom('attendance').select('id').where('sessionId', '=', id).execute()).toEqual([]);
	});

	it('ignores an arrival time in the future or implausibly far back, judging by the processing clock', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const now = new Date(windowEnd + GRACE_SECONDS * 1000 + 10_000);
		const p = school.learners.pg1.id;
		expect(await checkIn(t.db, secret, { ...base(p, id, code(id), now), arrivedAt: new Date(now.getTime() - 60 * 60_000) })).toMatchObject({ ok: false, reason: 'expired_code' });
		const fresh = signCode(secret, id, codeWindow(now.getTime(), 10) + 30);
		expect(await checkIn(t.db, secret, { ...base(p, id, fresh, now), arrivedAt: new Date(now.getTime() + 300_000) })).toMatchObject({ ok: false });
	});
});

describe('the arrival time of a real request', () => {
	/** What checkInFromRequest reads of SvelteKit's event, with the arrival the hooks recorded. */
	function event(arrivedAt: number) {
		const jar = new Map<string, string>();
		return {
			locals: { db: t.db, user: null, session: null, arrivedAt },
			cookies: { get: (name: string) => jar.get(name), set: (name: string, value: string) => void jar.set(name, value) },
			url: new URL('http://localhost/api/checkin'),
			getClientAddress: () => '10.8.1.2',
			request: new Request('http://localhost/api/checkin', { headers: { 'user-agent': 'vitest' } })
		} as unknown as RequestEvent;
	}

	it('comes from the hooks, never from the client', async () => {
		const realNow = Date.now();
		const id = await insertSession(t.db, school.cohortId, new Date(realNow - 60_000));
		// A code whose window ended a minute ago: expired now, valid 45 s ago.
		const window = codeWindow(realNow - 60_000, 10);
		const old = signCode(secret, id, window);
		const claimed = { sessionId: id, code: old, intent: 'in', arrivedAt: new Date((window + 1) * 10_000).toISOString() };
		// The JSON body cannot carry an arrival time …
		expect(checkInBody.parse(claimed)).not.toHaveProperty('arrivedAt');
		// … and what the function is handed besides its input is not read either.
		const late = await checkInFromRequest(event(realNow), school.learners.a3.id, claimed as never);
		expect(late.result).toMatchObject({ ok: false, reason: 'expired_code' });
		const onTime = await checkInFromRequest(event((window + 1) * 10_000 + 5_000), school.learners.a3.id, { sessionId: id, code: old, intent: 'in' });
		expect(onTime.result).toMatchObject({ ok: true, action: 'in' });
	});
});
