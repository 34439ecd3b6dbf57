import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolTestDatabase, type SchoolTest } from '../../../test-support/cohorts';
import { transact } from '../db/transact';
import { updatePerson } from '../people/repository';
import { auditInScope, describeAudit } from './queries';
import { appendAudit } from './log';

let s: SchoolTest;
beforeAll(async () => {
	s = await schoolTestDatabase();
});
afterAll(() => s.t.close());

async function personInput(id: number) {
	const p = await s.t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	return { username: p.username, name: p.name, gender: p.gender, birthDate: p.birthDate, orgUnitId: p.orgUnitId, grade: p.grade, politicalStatus: p.politicalStatus } as Record<string, unknown>;
}

describe('the audit log in words', () => {
	it('names the person and the units a move is between, and the status in Chinese', async () => {
		const { learners, users, units } = s.school;
		const input = { ...(await personInput(learners.a1.id)), orgUnitId: units.csPg.id, politicalStatus: 'candidate' };
		await transact(s.t.db, (trx) => updatePerson(trx, users.admin.id, learners.a1.id, input as never));
		const { rows } = await auditInScope(s.t.db, [units.school.path], { action: 'person.update', page: 1, pageSize: 10 });
		const [entry] = await describeAudit(s.t.db, rows);
		expect(entry.subject).toBe('人员 张一');
		expect(entry.changes).toEqual(
			expect.arrayContaining([
				{ field: '所属组织', before: '计算机本科第一支部', after: '计算机研究生支部' },
				{ field: '政治面貌', before: '入党积极分子', after: '发展对象' }
			])
		);
		// Only what changed: the name stayed the same, so it is not listed.
		expect(entry.changes.map((c) => c.field)).not.toContain('名称');
		expect(JSON.stringify([entry.subject, entry.changes])).not.toMatch(/person|#|orgUnitId|politicalStatus|activist/);
	});

	it('says a subject with no name to show in words, and summarises nested records', async () => {
		await transact(s.t.db, (trx) =>
			appendAudit(trx, { actorId: null, action: 'exam.update', entityType: 'exam', entityId: 7, before: { title: '旧', options: { a: 1, b: 2 } }, after: { title: '新', options: { a: 1, b: 3 }, published: true } })
		);
		const rows = await s.t.db.selectFrom('auditLog').select(['id', 'entityType', 'entityId', 'before', 'after']).where('action', '=', 'exam.update').execute();
		const [entry] = await describeAudit(s.t.db, rows);
		expect(entry.subject).toBe('考试（第 7 号）');
		expect(entry.changes).toEqual([
			{ field: '标题', before: '旧', after: '新' },
			{ field: '选项', before: 'a、b', after: 'a、b' },
			{ field: '已发布', before: '（空）', after: '是' }
		]);
	});
});
