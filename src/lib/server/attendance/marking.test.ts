import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/log';
import { checkIn } from './check-in';
import { currentCode } from './codes';
import { markAttendance, sessionRoster } from './marking';
import { decideLeave, requestLeave } from './leave';
import { closeEndedSessions } from './close';
import { attendanceSummary, cohortSessionTotals } from './summary';
import { createClassSessions, updateClassSession, cancelClassSession } from './class-sessions';
import { classSessionInput } from './schema';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../test-support/attendance';

let { t, school, secret } = {} as AttendanceTest;

beforeAll(async () => {
	({ t, school, secret } = await attendanceTestDatabase());
});
afterAll(() => t.close());

const status = async (sessionId: number, personId: number) =>
	(await t.db.selectFrom('attendance').select(['status', 'source', 'reason']).where('sessionId', '=', sessionId).where('personId', '=', personId).executeTakeFirst()) ?? null;

async function checkInAt(personId: number, sessionId: number, now: Date, intent: 'in' | 'out' = 'in') {
	return checkIn(t.db, secret, { personId, sessionId, code: currentCode(secret, sessionId, 10, now.getTime()).code, intent, deviceId: `d-${personId}`, ip: '127.0.0.1', userAgent: 'vitest', now });
}

describe('marking by hand', () => {
	it('sets and changes a status with a reason, each change audited', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date('2026-03-09T11:00:00Z'));
		const actor = school.users.instructor.id;
		const p = school.learners.a1.id;
		expect(await markAttendance(t.db, actor, { sessionId: id, personId: p, status: 'present', reason: '手机没电，教师确认到场' })).toBe(true);
		expect(await markAttendance(t.db, actor, { sessionId: id, personId: p, status: 'late', reason: '核对后为迟到' })).toBe(true);
		expect(await status(id, p)).toEqual({ status: 'late', source: 'manual', reason: '核对后为迟到' });
		const audit = await t.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('entityType', '=', 'attendance').where('entityId', '=', `${id}:${p}`).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['attendance.mark', 'attendance.mark']);
		expect(audit[1].before).toMatchObject({ status: 'present' });
		expect(audit[1].after).toMatchObject({ status: 'late', reason: '核对后为迟到' });
		expect((await verifyAuditChain(t.db)).ok).toBe(true);
	});

	it('refuses people outside the cohort', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date('2026-03-09T11:00:00Z'));
		expect(await markAttendance(t.db, school.users.instructor.id, { sessionId: id, personId: school.users.secretary.id, status: 'present', reason: 'x' })).toBe(false);
	});

	it('keeps the check-in time when correcting a checked-in learner', async () => {
		const start = new Date('2026-03-10T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, start);
		await checkInAt(school.learners.a2.id, id, start);
		await markAttendance(t.db, school.users.instructor.id, { sessionId: id, personId: school.learners.a2.id, status: 'early_leave', reason: '中途离场' });
		const row = await t.db.selectFrom('attendance').selectAll().where('sessionId', '=', id).where('personId', '=', school.learners.a2.id).executeTakeFirstOrThrow();
		expect(row.checkedInAt?.toISOString()).toBe(start.toISOString());
		expect(row.status).toBe('early_leave');
		const roster = await sessionRoster(t.db, { sessionId: id, cohortId: school.cohortId, learnerPaths: null, page: 1, pageSize: 50 });
		expect(roster.total).toBe(Object.keys(school.learners).length);
		expect(roster.rows[0]).toMatchObject({ personId: school.learners.a2.id, status: 'early_leave' });
		const branchOnly = await sessionRoster(t.db, { sessionId: id, cohortId: school.cohortId, learnerPaths: [school.units.medUg1.path], page: 1, pageSize: 50 });
		expect(branchOnly.rows.map((r) => r.personId).sort()).toEqual([school.learners.m1.id, school.learners.m2.id].sort());
	});
});

describe('leave requests', () => {
	it('are asked before the start, approved into 请假, refused back to unmarked', async () => {
		const start = new Date('2026-03-16T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, start);
		const p = school.learners.a3.id;
		const before = new Date('2026-03-15T00:00:00Z');
		const file = { name: '证明.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 demo') };
		const asked = await requestLeave(t.db, p, id, '参加学院运动会', file, before);
		expect(asked.ok).toBe(true);
		const req = await t.db.selectFrom('leaveRequest').selectAll().where('sessionId', '=', id).executeTakeFirstOrThrow();
		expect(req.status).toBe('pending');
		const stored = await t.db.selectFrom('storedFile').select(['name', 'size']).where('id', '=', req.fileId!).executeTakeFirstOrThrow();
		expect(stored).toEqual({ name: '证明.pdf', size: file.data.byteLength });

		expect(await requestLeave(t.db, p, id, '太晚了', null, new Date(start.getTime() + 1000))).toMatchObject({ ok: false });
		expect(await requestLeave(t.db, school.users.secretary.id, id, '不是学员', null, before)).toMatchObject({ ok: false });

		expect(await decideLeave(t.db, school.users.instructor.id, id, req.id, true, '')).toBe(true);
		expect(await status(id, p)).toMatchObject({ status: 'leave', source: 'leave' });
		expect(await requestLeave(t.db, p, id, '再请一次', null, before)).toMatchObject({ ok: false, message: expect.stringContaining('已获批准') });

		expect(await decideLeave(t.db, school.users.instructor.id, id, req.id, false, '证明不足')).toBe(true);
		expect(await status(id, p)).toBeNull();
		const actions = await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'leave_request').where('entityId', '=', String(req.id)).orderBy('id').execute();
		expect(actions.map((a) => a.action)).toEqual(['leave.request', 'leave.approve', 'leave.refuse']);
	});

	it('asking again keeps the attachment unless a new one replaces it', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date('2026-03-18T11:00:00Z'));
		const p = school.learners.m2.id;
		const day = new Date('2026-03-17T00:00:00Z');
		const pdf = (text: string) => ({ name: `${text}.pdf`, contentType: 'application/pdf', data: new TextEncoder().encode(text) });
		await requestLeave(t.db, p, id, '第一次', pdf('one'), day);
		const fileOf = async () => (await t.db.selectFrom('leaveRequest').select('fileId').where('sessionId', '=', id).executeTakeFirstOrThrow()).fileId;
		const first = await fileOf();
		await requestLeave(t.db, p, id, '补充说明', null, day);
		expect(await fileOf()).toBe(first);
		await requestLeave(t.db, p, id, '换一份证明', pdf('two'), day);
		const second = await fileOf();
		expect(second).not.toBe(first);
		expect(await t.db.selectFrom('storedFile').select('id').where('id', '=', first!).executeTakeFirst()).toBeUndefined();
	});

	it('approval does not override a learner who came after all', async () => {
		const start = new Date('2026-03-17T11:00:00Z');
		const id = await insertSession(t.db, school.cohortId, start);
		const p = school.learners.pg1.id;
		const asked = await requestLeave(t.db, p, id, '可能来不了', null, new Date('2026-03-16T00:00:00Z'));
		await checkInAt(p, id, start);
		await decideLeave(t.db, school.users.instructor.id, id, asked.ok ? asked.id : 0, true, '');
		expect(await status(id, p)).toMatchObject({ status: 'present', source: 'checkin' });
	});
});

describe('closing and results', () => {
	it('marks the unmarked absent and missing check-outs 早退, once, even when run concurrently', async () => {
		const db = t.db;
		const { id: cohortId } = await db
			.insertInto('cohort')
			.values({ courseId: (await db.selectFrom('course').select('id').executeTakeFirstOrThrow()).id, name: '结果测试班', orgUnitId: school.units.school.id, startsOn: '2026-03-01', endsOn: '2026-06-30', requiredHours: 4 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const [a1, a2, a3, m1] = [school.learners.a1.id, school.learners.a2.id, school.learners.a3.id, school.learners.m1.id];
		await db.insertInto('enrollment').values([a1, a2, a3, m1].map((personId) => ({ cohortId, personId }))).execute();
		const s1Start = new Date('2026-03-02T11:00:00Z');
		const s1 = await insertSession(db, cohortId, s1Start, { creditHours: 2 });
		const s2Start = new Date('2026-03-09T11:00:00Z');
		const s2 = await insertSession(db, cohortId, s2Start, { creditHours: 3, checkoutRequired: true });
		const cancelled = await insertSession(db, cohortId, new Date('2026-03-05T11:00:00Z'), { status: 'cancelled' });
		const future = await insertSession(db, cohortId, new Date('2026-05-01T11:00:00Z'));

		await checkInAt(a1, s1, s1Start);
		await checkInAt(a2, s1, new Date(s1Start.getTime() + 15 * 60_000)); // late
		await markAttendance(db, school.users.instructor.id, { sessionId: s1, personId: m1, status: 'leave', reason: '病假' });
		await checkInAt(a1, s2, s2Start);
		await checkInAt(a1, s2, new Date(s2Start.getTime() + 121 * 60_000), 'out');
		await checkInAt(a2, s2, s2Start); // never checks out

		// Before the end nothing closes.
		expect(await closeEndedSessions(db, { cohortId, now: new Date(s1Start.getTime() + 60 * 60_000) })).toEqual([]);
		const now = new Date('2026-04-01T00:00:00Z');
		const runs = await Promise.all([closeEndedSessions(db, { cohortId, now }), closeEndedSessions(db, { cohortId, now }), closeEndedSessions(db, { cohortId, now })]);
		const closed = runs.flat();
		expect(closed.map((c) => c.id).sort()).toEqual([s1, s2].sort());
		expect(closed.find((c) => c.id === s1)).toEqual({ id: s1, absent: 1, noCheckout: 0 });
		expect(closed.find((c) => c.id === s2)).toEqual({ id: s2, absent: 2, noCheckout: 1 });
		expect(await closeEndedSessions(db, { cohortId, now })).toEqual([]);
		expect(await status(s2, a2)).toMatchObject({ status: 'early_leave', reason: '未签退' });
		expect(await status(s1, a3)).toMatchObject({ status: 'absent', source: 'auto' });
		expect(await db.selectFrom('attendance').select('id').where('sessionId', 'in', [cancelled, future]).execute()).toEqual([]);

		const summary = await attendanceSummary(db, cohortId);
		const of = (id: number) => summary.find((r) => r.personId === id)!;
		expect(of(a1)).toMatchObject({ present: 2, sessions: 2, attended: 2, rate: 1, hoursCredited: 5 });
		expect(of(a2)).toMatchObject({ late: 1, earlyLeave: 1, attended: 2, rate: 1, hoursCredited: 2 });
		expect(of(a3)).toMatchObject({ absent: 2, attended: 0, rate: 0, hoursCredited: 0 });
		expect(of(m1)).toMatchObject({ leave: 1, absent: 1, sessions: 2, rate: 0 });
		expect(await attendanceSummary(db, cohortId, { personIds: [a1] })).toHaveLength(1);
		expect((await attendanceSummary(db, cohortId, { underPath: school.units.medUg1.path })).map((r) => r.personId)).toEqual([m1]);
		expect(await cohortSessionTotals(db, cohortId)).toEqual({ scheduled: 3, held: 2, cancelled: 1, heldHours: 5 });
	});
});

describe('sessions', () => {
	const form = {
		title: '每周党课', kind: 'lecture', startsAt: '2026-03-02T19:00', endsAt: '2026-03-02T21:00', place: '报告厅', creditHours: '2',
		checkinOpensMin: '15', lateAfterMin: '10', checkinClosesMin: '30', codeSeconds: '10', allowedNetworks: '10.8.0.0/16'
	};

	it('creates a weekly series at the same Shanghai time, audited', async () => {
		const input = classSessionInput.parse(form);
		const ids = await createClassSessions(t.db, school.users.instructor.id, school.cohortId, input, 4);
		const rows = await t.db.selectFrom('session').select(['startsAt', 'seriesId', 'allowedNetworks']).where('id', 'in', ids).orderBy('startsAt').execute();
		expect(rows.map((r) => r.startsAt.toISOString())).toEqual(['2026-03-02T11:00:00.000Z', '2026-03-09T11:00:00.000Z', '2026-03-16T11:00:00.000Z', '2026-03-23T11:00:00.000Z']);
		expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);
		expect(rows[0].allowedNetworks).toEqual(['10.8.0.0/16']);
		const audit = await t.db.selectFrom('auditLog').select('after').where('action', '=', 'session.create').orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ ids, weeks: 4 });
	});

	it('moving leaves a notice, cancelling too; a moved closed session opens again', async () => {
		const [id] = await createClassSessions(t.db, school.users.instructor.id, school.cohortId, classSessionInput.parse(form));
		await closeEndedSessions(t.db, { now: new Date('2026-03-03T00:00:00Z') });
		expect((await t.db.selectFrom('attendance').select('id').where('sessionId', '=', id).execute()).length).toBeGreaterThan(0);
		const moved = classSessionInput.parse({ ...form, startsAt: '2026-03-04T00:15', endsAt: '2026-03-04T02:00' });
		expect(await updateClassSession(t.db, school.users.instructor.id, id, moved, '', new Date('2026-03-03T00:00:00Z'))).toBe(true);
		const row = await t.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.notice).toContain('2026-03-04（周三）00:15');
		expect(row.closedAt).toBeNull();
		expect(await t.db.selectFrom('attendance').select('id').where('sessionId', '=', id).execute()).toEqual([]);
		expect(await cancelClassSession(t.db, school.users.instructor.id, id, '教师出差')).toBe(true);
		expect(await cancelClassSession(t.db, school.users.instructor.id, id, '教师出差')).toBe(false);
		const after = await t.db.selectFrom('session').select(['status', 'notice']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(after).toEqual({ status: 'cancelled', notice: '教师出差' });
	});
});
