import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceTestDatabase, type AttendanceTest } from '../../../../test-support/attendance';
import { runAction } from '../../../../test-support/load';
import { actions } from './+page.server';

let { t, school } = {} as AttendanceTest;

beforeAll(async () => {
	({ t, school } = await attendanceTestDatabase());
});
afterAll(() => t.close());

const cohort = () => t.db.selectFrom('cohort').select(['status']).where('id', '=', school.cohortId).executeTakeFirstOrThrow();
const enrolled = async () => Number((await t.db.selectFrom('enrollment').select((eb) => eb.fn.countAll<number>().as('n')).where('cohortId', '=', school.cohortId).executeTakeFirstOrThrow()).n);
const post = (action: keyof typeof actions, fields: Record<string, string | string[]>) =>
	runAction(actions[action], { db: t.db, user: school.users.admin, path: `/cohorts/${school.cohortId}?/${action}`, params: { id: String(school.cohortId) }, fields });

describe('the cohort page’s forms', () => {
	it('refuses a status that is neither open nor closed, in Chinese, and leaves the cohort as it was', async () => {
		// Read as 'open' before the form went through a schema: a forged value reopened a closed cohort.
		await t.db.updateTable('cohort').set({ status: 'closed' }).where('id', '=', school.cohortId).execute();
		const r = await post('status', { status: 'reopen-please' });
		expect(r).toMatchObject({ status: 400, data: { action: 'status', message: '请选择培训班状态' } });
		expect((await cohort()).status).toBe('closed');
		expect(await post('status', { status: 'open' })).toMatchObject({ action: 'status', ok: '培训班已重新开放' });
		expect((await cohort()).status).toBe('open');
	});

	it('refuses a stage enrolment whose unit is not an id or whose stage is unknown', async () => {
		const before = await enrolled();
		for (const fields of [{ unitId: 'abc', status: 'activist' }, { unitId: '99999999999999999999', status: 'activist' }, { unitId: String(school.units.csUg1.id), status: 'emperor' }, {}] as Record<string, string>[]) {
			expect(await post('enrollStage', fields)).toMatchObject({ status: 400, data: { action: 'enroll', message: '请选择您管理范围内的组织和发展阶段' } });
		}
		expect(await enrolled()).toBe(before);
	});

	it('skips ticked people that are not ids, and refuses a pick with none', async () => {
		expect(await post('enrollPick', { personId: ['abc', '99999999999999999999'] })).toMatchObject({ status: 400, data: { message: '请先勾选要报名的人员' } });
		expect(await post('enrollList', { file: 'not a file' })).toMatchObject({ status: 400, data: { message: '请选择名单文件' } });
	});
});
