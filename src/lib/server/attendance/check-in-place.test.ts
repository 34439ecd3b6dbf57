import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn, type CheckInRequest } from './check-in';
import { currentCode } from './codes';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../test-support/attendance';
import { campusNetworks, saveCampusNetworks } from './campus';
import { distanceM } from './place';
import { flagNote } from './flag-notes';
import { resultMessage } from './request';
import { campusNetworksInput, classSessionInput } from './schema';

// Where a check-in may come from: the school's campus networks (inherited by every session
// that names none), a session's own networks, and a radius around the classroom; refused or
// only flagged, as the session says.
let { t, school, secret } = {} as AttendanceTest;
const CAMPUS = ['10.8.0.0/16', '2001:db8::/32'];
// 图书馆报告厅 (a point in Beijing), and places 150 m and ~850 m north of it.
const HALL = { lat: 39.9928, lng: 116.3055 };
const NEAR = { lat: HALL.lat + 150 / 111_195, lng: HALL.lng };
const FAR = { lat: HALL.lat + 850 / 111_195, lng: HALL.lng };

beforeAll(async () => {
	({ t, school, secret } = await attendanceTestDatabase());
	await saveCampusNetworks(t.db, school.users.admin.id, CAMPUS);
});
afterAll(() => t.close());

let day = 0;
/** A session of its own day, so that typed codes never meet another test's session. */
async function session(values: Parameters<typeof insertSession>[3] = {}) {
	const startsAt = new Date(Date.UTC(2026, 8, 1 + day++, 11));
	// undefined: the column's default, as a session saved without a network list gets.
	const id = await insertSession(t.db, school.cohortId, startsAt, { allowedNetworks: undefined, ...values });
	return { id, startsAt };
}

let device = 0;
function request(personId: number, s: { id: number; startsAt: Date }, extra: Partial<CheckInRequest> = {}): CheckInRequest {
	const now = s.startsAt;
	return {
		personId, sessionId: s.id, code: currentCode(secret, s.id, 10, now.getTime()).code, intent: 'in',
		deviceId: `place-device-${++device}`, ip: '10.8.1.2', userAgent: 'vitest', now, ...extra
	};
}

const flags = (sessionId: number) =>
	t.db.selectFrom('attendanceFlag').select(['kind', 'personId', 'ip', 'detail']).where('sessionId', '=', sessionId).orderBy('id').execute();
const rows = (sessionId: number) => t.db.selectFrom('attendance').select(['personId', 'status']).where('sessionId', '=', sessionId).execute();

describe('campus networks', () => {
	it('a code forwarded off campus is refused in a session that names no networks (it inherits the school’s)', async () => {
		const s = await session();
		const forwarded = await checkIn(t.db, secret, request(school.learners.a1.id, s, { ip: '223.104.3.7' }));
		expect(forwarded).toMatchObject({ ok: false, reason: 'outside_network' });
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, s, { ip: '::ffff:10.8.20.1' }))).toMatchObject({ ok: true, action: 'in' });
		expect(await rows(s.id)).toEqual([{ personId: school.learners.a2.id, status: 'present' }]);
		const [f] = await flags(s.id);
		expect(f).toMatchObject({ kind: 'outside_network', personId: school.learners.a1.id, ip: '223.104.3.7', detail: { accepted: false, networks: 'campus' } });
		expect(flagNote('outside_network', f.detail, f.ip)).toBe('不在校园网络内（IP 223.104.3.7）；已拒绝签到');
	});

	it('flag-only: accepted, and flagged with the reason for the instructor in the same transaction', async () => {
		const s = await session({ checkinEnforced: false });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, s, { ip: '192.168.3.3' }))).toMatchObject({ ok: true, action: 'in', status: 'present' });
		expect(await rows(s.id)).toHaveLength(1);
		const [f] = await flags(s.id);
		expect(f).toMatchObject({ kind: 'outside_network', ip: '192.168.3.3', detail: { accepted: true, intent: 'in' } });
		expect(flagNote(f.kind, f.detail, f.ip)).toBe('不在校园网络内（IP 192.168.3.3）；已接受签到，仅记录');
		// Submitting again changes nothing and flags nothing more.
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, s, { ip: '192.168.3.3' }))).toMatchObject({ ok: true, action: 'already' });
		expect(await flags(s.id)).toHaveLength(1);
	});

	it('a session’s own list replaces the school’s, and [] means any network', async () => {
		const own = await session({ allowedNetworks: ['172.20.0.0/16'] });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, own, { ip: '10.8.1.2' }))).toMatchObject({ ok: false, reason: 'outside_network' });
		expect(await checkIn(t.db, secret, request(school.learners.a2.id, own, { ip: '172.20.9.9' }))).toMatchObject({ ok: true });
		expect((await flags(own.id))[0].detail).toMatchObject({ networks: 'session' });
		const any = await session({ allowedNetworks: [] });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, any, { ip: '223.104.3.7' }))).toMatchObject({ ok: true });
		expect(await flags(any.id)).toEqual([]);
	});

	it('is a school setting: validated, saved once with an audit entry, read back', async () => {
		expect(await campusNetworks(t.db)).toEqual(CAMPUS);
		expect(await saveCampusNetworks(t.db, school.users.admin.id, CAMPUS)).toBe(false);
		const bad = campusNetworksInput.safeParse({ campusNetworks: '10.8.0.0/16\n10.300.0.0/16' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toContain('无法识别的网络范围：10.300.0.0/16');
		const good = campusNetworksInput.parse({ campusNetworks: '10.8.0.0/16, 10.9.0.0/16\n10.8.0.0/16' });
		expect(good.campusNetworks).toEqual(['10.8.0.0/16', '10.9.0.0/16']);
		const audits = await t.db.selectFrom('auditLog').select(['actorId', 'after']).where('action', '=', 'attendance.campus_networks').execute();
		expect(audits).toEqual([{ actorId: school.users.admin.id, after: { ranges: CAMPUS } }]);
		// Anything malformed stored by hand is ignored rather than locking everyone out.
		await t.db.updateTable('appSetting').set({ value: { not: 'a list' } }).where('key', '=', 'attendance.campus_networks').execute();
		const s = await session();
		expect(await checkIn(t.db, secret, request(school.learners.m1.id, s, { ip: '223.104.3.7' }))).toMatchObject({ ok: true });
		await t.db.updateTable('appSetting').set({ value: CAMPUS }).where('key', '=', 'attendance.campus_networks').execute();
	});
});

describe('a radius around the classroom', () => {
	const place = { locationLat: HALL.lat, locationLng: HALL.lng, locationRadiusM: 200 };

	it('measures great-circle distance (haversine)', () => {
		expect(distanceM(HALL, HALL)).toBe(0);
		expect(distanceM(HALL, FAR)).toBeCloseTo(850, -1);
		// 天安门 → 上海人民广场, about 1,067 km.
		expect(distanceM({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 }) / 1000).toBeCloseTo(1067, -1);
	});

	it('enforced: near is accepted, far and no position are refused with the reason in Chinese', async () => {
		const s = await session(place);
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, s, { location: { ...NEAR, accuracyM: 20 } }))).toMatchObject({ ok: true });
		const far = await checkIn(t.db, secret, request(school.learners.a2.id, s, { location: { ...FAR, accuracyM: 15 } }));
		expect(far).toMatchObject({ ok: false, reason: 'outside_location' });
		expect(resultMessage(far)).toBe('您当前的位置不在上课地点附近，请到上课地点后再签到（距离约 850 米，应在 200 米以内）');
		const denied = await checkIn(t.db, secret, request(school.learners.a3.id, s, { location: { problem: 'denied' } }));
		expect(denied).toMatchObject({ ok: false, reason: 'location_required' });
		expect(resultMessage(denied)).toContain('您拒绝了定位授权');
		expect(await checkIn(t.db, secret, request(school.learners.m1.id, s))).toMatchObject({ ok: false, reason: 'location_required' });
		expect(await rows(s.id)).toEqual([{ personId: school.learners.a1.id, status: 'present' }]);
		const recorded = await flags(s.id);
		expect(recorded.map((f) => f.kind)).toEqual(['outside_location', 'no_location', 'no_location']);
		expect(flagNote(recorded[0].kind, recorded[0].detail, recorded[0].ip)).toBe('距离上课地点约 850 米，超出 200 米（定位精度约 15 米）；已拒绝签到');
		expect(flagNote(recorded[1].kind, recorded[1].detail, recorded[1].ip)).toBe('未能获取位置：学员拒绝了定位授权；已拒绝签到');
	});

	it('flag-only: far, and off campus too, is accepted with one flag per reason', async () => {
		const s = await session({ ...place, checkinEnforced: false });
		expect(await checkIn(t.db, secret, request(school.learners.a1.id, s, { ip: '223.104.3.7', location: FAR }))).toMatchObject({ ok: true, action: 'in' });
		const recorded = await flags(s.id);
		expect(recorded.map((f) => flagNote(f.kind, f.detail, f.ip))).toEqual([
			'不在校园网络内（IP 223.104.3.7）；已接受签到，仅记录',
			'距离上课地点约 850 米，超出 200 米；已接受签到，仅记录'
		]);
	});

	it('check-out is held to the same place', async () => {
		const s = await session({ ...place, checkoutRequired: true });
		const a = school.learners.a1.id;
		expect(await checkIn(t.db, secret, request(a, s, { location: NEAR, deviceId: 'out-phone' }))).toMatchObject({ ok: true });
		const later = new Date(s.startsAt.getTime() + 2 * 3600_000);
		const out = { ...s, startsAt: later };
		expect(await checkIn(t.db, secret, request(a, out, { intent: 'out', location: FAR, deviceId: 'out-phone' }))).toMatchObject({ ok: false, reason: 'outside_location' });
		expect(await checkIn(t.db, secret, request(a, out, { intent: 'out', location: NEAR, deviceId: 'out-phone' }))).toMatchObject({ ok: true, action: 'out' });
	});
});

describe('the session form', () => {
	const base = {
		title: '党课', kind: 'lecture', startsAt: '2026-03-02T19:00', endsAt: '2026-03-02T21:00', place: '', creditHours: '2',
		checkinOpensMin: '15', lateAfterMin: '10', checkinClosesMin: '30', codeSeconds: '10', allowedNetworks: ''
	};

	it('chooses the school’s networks, its own, or any network', () => {
		expect(classSessionInput.parse({ ...base, networkMode: 'school', allowedNetworks: '10.1.0.0/16' }).allowedNetworks).toBeNull();
		expect(classSessionInput.parse({ ...base, networkMode: 'own', allowedNetworks: '10.1.0.0/16' }).allowedNetworks).toEqual(['10.1.0.0/16']);
		expect(classSessionInput.parse({ ...base, networkMode: 'any' }).allowedNetworks).toEqual([]);
		const empty = classSessionInput.safeParse({ ...base, networkMode: 'own' });
		expect(empty.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['allowedNetworks', '请填写本课程允许的网络范围，或选择沿用学校校园网络']]);
	});

	it('takes a place as all of latitude, longitude and radius, or none; enforcing unless told otherwise', () => {
		const placed = classSessionInput.parse({ ...base, locationLat: '39.9928', locationLng: '116.3055', locationRadiusM: '200', checkInPolicy: 'flag' });
		expect(placed).toMatchObject({ locationLat: 39.9928, locationLng: 116.3055, locationRadiusM: 200, checkinEnforced: false });
		expect(classSessionInput.parse(base)).toMatchObject({ locationLat: null, locationRadiusM: null, checkinEnforced: true });
		const partial = classSessionInput.safeParse({ ...base, locationLat: '39.9928' });
		expect(partial.error?.issues.map((i) => i.message)).toEqual(['请同时填写纬度、经度和签到半径，或全部留空']);
		const wrong = classSessionInput.safeParse({ ...base, locationLat: '99', locationLng: 'east', locationRadiusM: '5' });
		expect(wrong.error?.issues.map((i) => i.message)).toEqual([
			'纬度应为 -90 到 90 之间的数字',
			'经度应为 -180 到 180 之间的数字',
			'签到半径（米）应为 20 到 10000 之间的整数'
		]);
	});
});
