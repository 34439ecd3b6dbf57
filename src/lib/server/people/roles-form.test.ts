import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { keyedForm, postThrice } from '../../../test-support/once';
import { grantRoleOnce } from './roles-form';

// 分配职务 posted as a double click and a retry of one rendered form: one assignment, one
// audit entry, and every post told 「职务已分配」 (the second used to hear 「该人员已担任此职务」).

let t: OpenDatabase;
let school: Awaited<ReturnType<typeof buildSchool>>;

beforeAll(async () => {
	t = await testDatabase();
	school = await buildSchool(t.db);
});
afterAll(() => t.close());

describe('分配职务, once per rendered form', () => {
	it('assigns once and answers every post alike', async () => {
		const person = school.learners.a1.id;
		const form = keyedForm({ role: 'secretary', orgUnitId: String(school.units.csUg1.id) });
		const answers = await postThrice(() => grantRoleOnce(t.db, school.users.admin, person, form));
		expect(await t.db.selectFrom('roleAssignment').select('id').where('personId', '=', person).execute()).toHaveLength(1);
		expect(answers).toEqual(Array(3).fill({ action: 'assign', ok: '职务已分配' }));
		expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'role.assign').execute()).toHaveLength(1);
	});

	it('refuses an unknown role in Chinese and keeps the key free', async () => {
		const form = keyedForm({ role: 'emperor', orgUnitId: String(school.units.csUg1.id) });
		expect(await grantRoleOnce(t.db, school.users.admin, school.learners.a2.id, form)).toMatchObject({ status: 400, data: { message: '请选择职务和所在组织' } });
		expect(await t.db.selectFrom('idempotencyKey').select('key').where('action', '=', 'role.assign').execute()).toHaveLength(1);
	});

	it('refuses an organisation id PostgreSQL’s integer cannot hold, in Chinese, instead of a database error', async () => {
		const before = (await t.db.selectFrom('roleAssignment').select('id').execute()).length;
		for (const orgUnitId of ['1000000000000000', '3.5', '']) {
			const form = keyedForm({ role: 'secretary', orgUnitId });
			expect(await grantRoleOnce(t.db, school.users.admin, school.learners.a2.id, form)).toMatchObject({ status: 400, data: { message: '请选择职务和所在组织' } });
		}
		expect(await t.db.selectFrom('roleAssignment').select('id').execute()).toHaveLength(before);
	});
});
