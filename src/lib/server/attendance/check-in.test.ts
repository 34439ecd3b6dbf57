import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn, MAX_BAD_CODES, type CheckInRequest } from './check-in';
import { currentCode, signCode, codeWindow } from './codes';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../test-support/attendance';

let { t, school, secret } = {} as AttendanceTest;
const start = new Date('2026-03-02T11:00:00Z'); // 19:00 Shanghai
const minutes = (m: number) => new Date(start.getTime() + m * 60_000);

beforeAll(async () => {
	({ t, school, secret } = await attendanceTestDatabase());
});
afterAll(() => t.close());

let device = 0;
function request(personId: number, sessionId: number | undefined, now: Date, extra: Partial<CheckInRequest> = {}): CheckInRequest {
	const code = sessionId ? currentCode(secret, sessionId, 10, now.getTime()).code : '000000';
	return { personId, sessionId, code, intent: 'in', deviceId: `device-${++device}`, ip: '10.8.1.2', userAgent: 'vitest', now, ...extra };
}

const rows = (sessionId: number) => t.db.selectFrom('attendance').selectAll().where('sessionId', '=', sessionId).execute();

describe('check-in', () => {
	it('keeps the secret in app_setting, the same for every instance', async () => {
		const row = await t.db.selectFrom('appSetting').select('value').where('key', '=', 'attendance.checkin_secret').executeTakeFirstOrThrow();
		expect(Buffer.from((row.value as { secret: string }).secret, 'base64url').equals(secret)).toBe(true);
	});

	it('records present before the late mark, late after it, with device, IP and user agent', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const a1 = await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(-5)));
		expect(a1).toMatchObject({ ok: true, action: 'in', status: 'present' });
		const a2 = await checkIn(t.db, secret, request(school.learners.a2.id, id, minutes(12)));
		expect(a2).toMatchObject({ ok: true, action: 'in', status: 'late' });
		const row = (await rows(id)).find((r) => r.personId === school.learners.a1.id)!;
		expect(row).toMatchObject({ source: 'checkin', ip: '10.8.1.2', userAgent: 'vitest' });
		expect(row.deviceId).toMatch(/^device-/);
		expect(row.checkedInAt?.toISOString()).toBe(minutes(-5).toISOString());
	});

	it('refuses before the window opens, after it closes, and for a cancelled session', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(-16)))).toMatchObject({ ok: false, reason: 'not_open' });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(30)))).toMatchObject({ ok: false, reason: 'closed' });
		await t.db.updateTable('session').set({ status: 'cancelled' }).where('id', '=', id).execute();
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(0)))).toMatchObject({ ok: false, reason: 'cancelled' });
		expect(await rows(id)).toHaveLength(0);
	});

	it('refuses people not enrolled in the cohort', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		expect(await checkIn(t.db, secret, request(school.users.secretary.id, id, minutes(0)))).toMatchObject({ ok: false, reason: 'not_found' });
	});

	it('refuses expired, future, tampered and other-session codes, and flags the expired one', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const other = await insertSession(t.db, school.cohortId, start);
		const now = minutes(0);
		const p = school.learners.a1.id;
		const w = codeWindow(now.getTime(), 10);
		const expired = signCode(secret, id, w - 6);
		expect(await checkIn(t.db, secret, request(p, id, now, { code: expired }))).toMatchObject({ ok: false, reason: 'expired_code' });
		expect(await checkIn(t.db, secret, request(p, id, now, { code: signCode(secret, id, w + 3) }))).toMatchObject({ ok: false, reason: 'future_code' });
		expect(await checkIn(t.db, secret, request(p, id, now, { code: signCode(secret, other, w) }))).toMatchObject({ ok: false, reason: 'bad_code' });
		const good = signCode(secret, id, w);
		const tampered = good.slice(0, 5) + String((Number(good[5]) + 1) % 10);
		expect(await checkIn(t.db, secret, request(p, id, now, { code: tampered }))).toMatchObject({ ok: false, reason: 'bad_code' });
		expect(await rows(id)).toHaveLength(0);
		const flags = await t.db.selectFrom('attendanceFlag').select('kind').where('sessionId', '=', id).execute();
		expect(flags.map((f) => f.kind).sort()).toEqual(['bad_code', 'bad_code', 'expired_code']);
	});

	it('a replayed code counts once per person: a second submit is "already", not a second row', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const req = request(school.learners.a3.id, id, minutes(1));
		expect(await checkIn(t.db, secret, req)).toMatchObject({ ok: true, action: 'in' });
		expect(await checkIn(t.db, secret, { ...req, now: minutes(2), code: currentCode(secret, id, 10, minutes(2).getTime()).code })).toMatchObject({ ok: true, action: 'already', status: 'present' });
		expect(await rows(id)).toHaveLength(1);
	});

	it('a concurrent double submit leaves one row', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const req = request(school.learners.pg1.id, id, minutes(0));
		const results = await Promise.all(Array.from({ length: 12 }, (_, i) => checkIn(t.db, secret, { ...req, deviceId: i % 2 ? req.deviceId : `${req.deviceId}-b` })));
		expect(results.every((r) => r.ok)).toBe(true);
		expect(results.filter((r) => r.ok && r.action === 'in')).toHaveLength(1);
		expect(await rows(id)).toHaveLength(1);
	});

	it('many learners checking in at once all get exactly one row', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const learners = Object.values(school.learners);
		const results = await Promise.all(learners.flatMap((l) => [0, 1, 2].map(() => checkIn(t.db, secret, request(l.id, id, minutes(0))))));
		expect(results.every((r) => r.ok)).toBe(true);
		const stored = await rows(id);
		expect(stored).toHaveLength(learners.length);
		expect(new Set(stored.map((r) => r.personId)).size).toBe(learners.length);
	});

	it('refuses a second account on the same device and flags it', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const phone = 'shared-phone';
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(0), { deviceId: phone }))).toMatchObject({ ok: true, action: 'in' });
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, id, minutes(0), { deviceId: phone }))).toMatchObject({ ok: false, reason: 'shared_device' });
		// The owner checking in again on their phone is fine.
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(1), { deviceId: phone }))).toMatchObject({ ok: true, action: 'already' });
		expect(await rows(id)).toHaveLength(1);
		const flag = await t.db.selectFrom('attendanceFlag').selectAll().where('sessionId', '=', id).executeTakeFirstOrThrow();
		expect(flag).toMatchObject({ kind: 'shared_device', personId: school.learners.a2.id, deviceId: phone });
		expect(flag.detail).toMatchObject({ otherPersonId: school.learners.a1.id });
	});

	it('two accounts on one device at the same instant: one row, one refusal', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const [x, y] = await Promise.all([
			checkIn(t.db, secret, request(school.learners.m1.id, id, minutes(0), { deviceId: 'race-phone' })),
			checkIn(t.db, secret, request(school.learners.m2.id, id, minutes(0), { deviceId: 'race-phone' }))
		]);
		expect([x.ok, y.ok].sort()).toEqual([false, true]);
		expect(await rows(id)).toHaveLength(1);
	});

	it('enforces the allowed networks', async () => {
		const id = await insertSession(t.db, school.cohortId, start, { allowedNetworks: ['10.8.0.0/16', '2001:db8::/32'] });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(0), { ip: '192.168.3.3' }))).toMatchObject({ ok: false, reason: 'outside_network' });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(0), { ip: '::ffff:10.8.9.9' }))).toMatchObject({ ok: true });
		const flags = await t.db.selectFrom('attendanceFlag').select(['kind', 'ip']).where('sessionId', '=', id).execute();
		expect(flags).toEqual([{ kind: 'outside_network', ip: '192.168.3.3' }]);
	});

	it('finds the session from a typed code alone', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date('2026-04-01T11:00:00Z'));
		const now = new Date('2026-04-01T11:02:00Z');
		const code = currentCode(secret, id, 10, now.getTime()).code;
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, undefined, now, { code }))).toMatchObject({ ok: true, sessionId: id, status: 'present' });
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, undefined, new Date('2026-05-01T00:00:00Z'), { code }))).toMatchObject({ ok: false, reason: 'no_open_session' });
	});

	it('throttles a person guessing codes', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date('2026-04-08T11:00:00Z'));
		const now = new Date('2026-04-08T11:00:00Z');
		const p = school.learners.m1.id;
		for (let i = 0; i < MAX_BAD_CODES; i++) {
			const r = await checkIn(t.db, secret, request(p, undefined, now, { code: String(100000 + i) }));
			expect(r.ok).toBe(false);
		}
		const right = currentCode(secret, id, 10, now.getTime()).code;
		expect(await checkIn(t.db, secret, request(p, undefined, now, { code: right }))).toMatchObject({ ok: false, reason: 'throttled' });
		expect(await checkIn(t.db, secret, request(p, id, now, { code: right }))).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('checks out: 早退 before the end, kept status after it, never twice', async () => {
		const id = await insertSession(t.db, school.cohortId, start, { checkoutRequired: true });
		const a = school.learners.a1.id;
		const b = school.learners.a2.id;
		const devA = 'dev-a';
		expect(await checkIn(t.db, secret, request(a, id, minutes(-1), { deviceId: devA }))).toMatchObject({ ok: true });
		expect(await checkIn(t.db, secret, request(b, id, minutes(15)))).toMatchObject({ ok: true, status: 'late' });
		expect(await checkIn(t.db, secret, request(a, id, minutes(60), { intent: 'out', deviceId: devA }))).toMatchObject({ ok: true, action: 'out', status: 'early_leave' });
		expect(await checkIn(t.db, secret, request(a, id, minutes(121), { intent: 'out', deviceId: devA }))).toMatchObject({ ok: false, reason: 'already_out' });
		expect(await checkIn(t.db, secret, request(b, id, minutes(121), { intent: 'out' }))).toMatchObject({ ok: true, status: 'late' });
		expect(await checkIn(t.db, secret, request(school.learners.a3.id, id, minutes(121), { intent: 'out' }))).toMatchObject({ ok: false, reason: 'not_checked_in' });
		// Someone else's check-out on a's phone is refused.
		expect(await checkIn(t.db, secret, request(school.learners.a3.id, id, minutes(5), { deviceId: 'dev-c' }))).toMatchObject({ ok: true });
		expect(await checkIn(t.db, secret, request(school.learners.a3.id, id, minutes(100), { intent: 'out', deviceId: devA }))).toMatchObject({ ok: false, reason: 'shared_device' });
		expect(await checkIn(t.db, secret, request(school.learners.a3.id, id, minutes(151), { intent: 'out', deviceId: 'dev-c' }))).toMatchObject({ ok: false, reason: 'closed' });
	});
});

describe('check-in after a hand mark', () => {
	it('refuses a learner already marked, but flags a second account on the device first', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		await t.db.insertInto('attendance').values({ sessionId: id, personId: school.learners.a2.id, status: 'leave', source: 'manual', reason: '病假' }).execute();
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, id, minutes(0)))).toMatchObject({ ok: false, reason: 'marked', status: 'leave' });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, id, minutes(0), { deviceId: 'phone-x' }))).toMatchObject({ ok: true });
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, id, minutes(0), { deviceId: 'phone-x' }))).toMatchObject({ ok: false, reason: 'shared_device' });
	});
});
