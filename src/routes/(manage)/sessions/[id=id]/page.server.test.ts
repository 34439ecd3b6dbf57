import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../../../test-support/attendance';
import { runAction, runLoad } from '../../../../test-support/load';
import { jobs } from '$lib/server/jobs';
import { cohortResults } from '$lib/server/attendance/results';
import { actions, load } from './+page.server';
import { load as mySessions } from '../../../(learn)/my/sessions/+page.server';

let { t, school } = {} as AttendanceTest;

beforeAll(async () => {
	({ t, school } = await attendanceTestDatabase());
});
afterAll(() => t.close());

const writes = async (sessionId: number) => ({
	closedAt: (await t.db.selectFrom('session').select('closedAt').where('id', '=', sessionId).executeTakeFirstOrThrow()).closedAt,
	attendance: (await t.db.selectFrom('attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('sessionId', '=', sessionId).executeTakeFirstOrThrow()).n,
	audit: (await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
});

describe('the 集中授课 page', () => {
	it('changes nothing when opened after the session ended; the job closes it', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date(Date.now() - 5 * 3600_000));
		const before = await writes(id);
		expect(before.closedAt).toBeNull();
		const page = (await runLoad(load, { db: t.db, user: school.users.instructor, path: `/sessions/${id}`, params: { id: String(id) } })) as { session: { closed: boolean } };
		expect(page.session.closed).toBe(false);
		expect(await writes(id)).toEqual(before);
		const [, close] = jobs.find(([name]) => name === 'closeEndedSessions')!;
		await close(t.db);
		const after = await writes(id);
		expect(after.closedAt).not.toBeNull();
		expect(Number(after.attendance)).toBe(Object.keys(school.learners).length);
	});

	it('neither do the cohort’s results nor a learner’s own sessions', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date(Date.now() - 6 * 3600_000));
		const before = await writes(id);
		await cohortResults(t.db, school.users.instructor, school.cohortId);
		await runLoad(mySessions, { db: t.db, user: school.learners.a1, path: '/my/sessions' });
		expect(await writes(id)).toEqual(before);
	});
});

describe('the 集中授课 page’s forms', () => {
	const post = (id: number, action: 'mark' | 'leave', fields: Record<string, string>) =>
		runAction(actions[action], { db: t.db, user: school.users.instructor, path: `/sessions/${id}?/${action}`, params: { id: String(id) }, fields });

	it('refuses a mark or a leave decision that does not fit its form, in Chinese, and writes nothing', async () => {
		const id = await insertSession(t.db, school.cohortId, new Date(Date.now() + 24 * 3600_000));
		const before = await writes(id);
		expect(await post(id, 'mark', { personId: 'abc', status: 'present', reason: '补登' })).toMatchObject({ status: 400, data: { action: 'mark', personId: 0, message: '学员编号无效' } });
		expect(await post(id, 'mark', { personId: String(school.learners.a1.id), status: 'asleep', reason: '补登' })).toMatchObject({ status: 400, data: { personId: school.learners.a1.id, message: '请选择考勤状态' } });
		expect(await post(id, 'leave', { requestId: '1', decision: 'maybe' })).toMatchObject({ status: 400, data: { action: 'leave', message: '请求格式不正确' } });
		expect(await post(id, 'leave', { requestId: '1.5', decision: 'approve' })).toMatchObject({ status: 400, data: { message: '请求格式不正确' } });
		expect(await post(id, 'leave', { requestId: '1', decision: 'approve', note: '长'.repeat(201) })).toMatchObject({ status: 400, data: { message: '审批意见不能超过 200 个字' } });
		expect(await writes(id)).toEqual(before);
	});
});
