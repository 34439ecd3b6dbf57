import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolTestDatabase, type SchoolTest } from '../../../../test-support/cohorts';
import { keyedForm, postThrice } from '../../../../test-support/once';
import { importRosterOnce } from './form';

// A roster file posted as a double click and a retry of one rendered form: the people once,
// every post told 「新增 2 人」 — and the temporary passwords go to the first post only, never
// into the database with the form's key.

let { t, school } = {} as SchoolTest;

beforeAll(async () => {
	({ t, school } = await schoolTestDatabase());
});
afterAll(() => t.close());

describe('名册导入, once per rendered form', () => {
	it('creates the people once; a replay has the counts and no passwords, which are not stored', async () => {
		const csv = ['学号/工号,姓名,性别,所属组织,政治面貌', 'RF001,甲同学,男,C-CS-UG1,共青团员', 'RF002,乙同学,女,C-CS-UG1,群众'].join('\n');
		const file = new File([csv], '名册.csv');
		const form = keyedForm({ file });
		const actor = { ...school.users.admin, paths: [school.units.school.path] };
		const answers = (await postThrice(() => importRosterOnce(t.db, actor, form, file))) as { summary: { created: number; credentials: { password: string }[] }; replayed: boolean }[];
		expect(await t.db.selectFrom('person').select('id').where('username', 'in', ['RF001', 'RF002']).execute()).toHaveLength(2);
		for (const a of answers) expect(a.summary.created).toBe(2);
		const first = answers.filter((a) => !a.replayed);
		expect(first).toHaveLength(1);
		expect(first[0].summary.credentials).toHaveLength(2);
		expect(answers.filter((a) => a.replayed).map((a) => a.summary.credentials)).toEqual([[], []]);
		const stored = await t.db.selectFrom('idempotencyKey').select('result').where('action', '=', 'roster.import').execute();
		expect(stored).toHaveLength(1);
		for (const c of first[0].summary.credentials) expect(JSON.stringify(stored[0].result)).not.toContain(c.password);
		expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'roster.import').execute()).toHaveLength(1);
	});
});
