import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn, type CheckInRequest } from './check-in';
import { currentCode } from './codes';
import { readScan, signScan, SCAN_GRACE_MS } from './scan-token';
import { mintScan } from './scan-login';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../test-support/attendance';

let { t, school, secret } = {} as AttendanceTest;
const start = new Date('2026-03-02T11:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

beforeAll(async () => {
	({ t, school, secret } = await attendanceTestDatabase());
});
afterAll(() => t.close());

let device = 0;
function scanned(personId: number, sessionId: number, scan: string, now: Date): CheckInRequest {
	return { personId, sessionId, code: '', scan, intent: 'in', deviceId: `scan-device-${++device}`, ip: '10.8.1.2', userAgent: 'vitest', now };
}
/** A token as the server mints it: from the code shown at the scan time. */
const mint = (sessionId: number, scannedAt: Date) =>
	signScan(secret, { sessionId, code: currentCode(secret, sessionId, 10, scannedAt.getTime()).code, scannedAt });
const rows = (id: number) => t.db.selectFrom('attendance').selectAll().where('sessionId', '=', id).execute();

describe('scan token kept across the sign-in', () => {
	it('checks in once with a code that has rotated since the scan, within the grace', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const token = mint(id, at(0));
		const p = school.learners.a1.id;
		// 50 s later: the 10 s code expired long ago, the scan is still good.
		const first = await checkIn(t.db, secret, scanned(p, id, token, at(50_000)));
		expect(first).toMatchObject({ ok: true, action: 'in' });
		const again = await checkIn(t.db, secret, scanned(p, id, token, at(60_000)));
		expect(again).toMatchObject({ ok: true, action: 'already' });
		expect(await rows(id)).toHaveLength(1);
		// Other rules are judged at check-in: the late mark follows the check-in time, not the scan.
		expect((await rows(id))[0].checkedInAt?.toISOString()).toBe(at(50_000).toISOString());
	});

	it('refuses a forged signature and a changed scan time', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const token = mint(id, at(0));
		const [sid, code, ms, sig] = token.split('.');
		const forged = `${sid}.${code}.${ms}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
		const retimed = `${sid}.${code}.${Number(ms) + 120_000}.${sig}`;
		const p = school.learners.a2.id;
		expect(await checkIn(t.db, secret, scanned(p, id, forged, at(10_000)))).toMatchObject({ ok: false, reason: 'forged_scan' });
		expect(await checkIn(t.db, secret, scanned(p, id, retimed, at(200_000)))).toMatchObject({ ok: false, reason: 'forged_scan' });
		expect(await checkIn(t.db, secret, scanned(p, id, 'junk', at(10_000)))).toMatchObject({ ok: false, reason: 'forged_scan' });
		expect(await rows(id)).toHaveLength(0);
	});

	it('is bound to its session', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const other = await insertSession(t.db, school.cohortId, start);
		const token = mint(id, at(0));
		expect(await checkIn(t.db, secret, scanned(school.learners.a1.id, other, token, at(5_000)))).toMatchObject({ ok: false, reason: 'other_session_scan' });
		expect(await rows(other)).toHaveLength(0);
	});

	it('refuses a replay after the grace', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const token = mint(id, at(0));
		expect(readScan(secret, token, id, at(SCAN_GRACE_MS)).ok).toBe(true);
		expect(await checkIn(t.db, secret, scanned(school.learners.a1.id, id, token, at(SCAN_GRACE_MS + 1)))).toMatchObject({ ok: false, reason: 'stale_scan' });
		expect(await rows(id)).toHaveLength(0);
	});

	it('refuses a signed scan whose code was not valid at the scan time', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		// Only the server can sign; should it ever sign an old code, check-in still judges the code.
		const old = currentCode(secret, id, 10, at(-120_000).getTime()).code;
		const token = signScan(secret, { sessionId: id, code: old, scannedAt: at(0) });
		expect(await checkIn(t.db, secret, scanned(school.learners.a1.id, id, token, at(1_000)))).toMatchObject({ ok: false, reason: 'expired_code' });
		expect(await rows(id)).toHaveLength(0);
	});

	it('a signed-out scan does not tell a right code from a wrong one: both are signed, and the wrong one counts as a bad code once signed in', async () => {
		const id = await insertSession(t.db, school.cohortId, start);
		const right = currentCode(secret, id, 10, at(0).getTime()).code;
		const wrong = right === '000000' ? '000001' : '000000';
		// Signed out, nothing throttles by person: an answer that differed would be a free oracle for the code.
		const good = await mintScan(t.db, id, right, at(0));
		const bad = await mintScan(t.db, id, wrong, at(0));
		expect(good).not.toBeNull();
		expect(bad).not.toBeNull();
		expect(bad!.split('.').length).toBe(good!.split('.').length);
		const p = school.learners.a3.id;
		expect(await checkIn(t.db, secret, scanned(p, id, bad!, at(1_000)))).toMatchObject({ ok: false, reason: 'bad_code' });
		const flags = await t.db.selectFrom('attendanceFlag').select('kind').where('personId', '=', p).where('sessionId', '=', id).execute();
		expect(flags.map((f) => f.kind)).toEqual(['bad_code']);
		expect(await rows(id)).toHaveLength(0);
		expect(await mintScan(t.db, id, '12ab', at(0))).toBeNull();
	});
});

