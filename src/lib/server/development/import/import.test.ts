import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedXlsx } from '../../../../test-support/spreadsheet';
import { verifyAuditChain } from '../../audit/log';
import { performTransition } from '../transitions/perform';
import { insertPerson, seededTestDatabase, type SeededTest } from '../../../../test-support/development-db';
import { importColumns } from './columns';
import { parseImport } from './parse';
import { validateImport } from './validate';
import { applyImport, importTargets } from './apply';
import { importTemplate } from './template';

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const workbook = (rows: Record<string, string>[]) => keyedXlsx(importColumns, rows);

async function importFile(bytes: Uint8Array, paths: string[]) {
	const parsed = await parseImport('纪实.xlsx', bytes);
	if (!parsed.ok) return { parsed };
	const targets = await importTargets(t.db, parsed.rows.map((r) => r.username));
	const checked = validateImport(parsed.rows, targets, paths, today);
	if (checked.errors.length) return { errors: checked.errors };
	return { applied: await applyImport(t.db, s.users.admin.id, checked.valid, '纪实.xlsx') };
}

describe('development import', () => {
	it('imports nothing when any row is wrong, naming each bad row', async () => {
		const a = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		const b = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		const med = await insertPerson(t.db, { orgUnitId: s.medBranch.id });
		const bytes = await workbook([
			{ username: a.username, stage: '入党积极分子', appliedOn: '2025-03-01', activistOn: '2025-09-10' },
			{ username: b.username, stage: '发展对象', appliedOn: '2025/3/1', activistOn: '2025-02-01', candidateOn: '' },
			{ username: 'nobody', stage: '入党申请人', appliedOn: '2026-01-01' },
			{ username: med.username, stage: '积极分子', appliedOn: '2025-03-01', activistOn: '2025-09-10' },
			{ username: a.username, stage: '入党申请人', appliedOn: '2030-01-01' }
		]);
		const r = await importFile(bytes, [s.cs.path]);
		expect(r.errors).toEqual([
			{ rowNumber: 3, username: b.username, messages: ['阶段为发展对象，须填写确定为发展对象日期', '确定为入党积极分子日期（2025-02-01）早于递交入党申请书日期（2025-03-01）'] },
			// Another college's 学号 reads exactly like one that is not on the roster.
			{ rowNumber: 4, username: 'nobody', messages: ['学号/工号 nobody 未找到，或不在您的管理范围内（人员须先导入名册）'] },
			{ rowNumber: 5, username: med.username, messages: [`学号/工号 ${med.username} 未找到，或不在您的管理范围内（人员须先导入名册）`] },
			{ rowNumber: 6, username: a.username, messages: [`学号/工号 ${a.username} 与第 2 行重复`, '递交入党申请书日期（2030-01-01）晚于今天'] }
		]);
		expect(await t.db.selectFrom('developmentRecord').select('personId').where('personId', 'in', [a.id, b.id]).execute()).toEqual([]);
	});

	it('writes stages and dated entries marked imported; later transitions are still checked', async () => {
		const a = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		const m = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		const bytes = await workbook([
			{ username: a.username, name: a.name, stage: '入党积极分子', league: '是', appliedOn: '2026-01-05', talkOn: '2026-01-20', leagueRecOn: '2026-06-01', activistOn: '2026-09-10', activistFiledOn: '2026-09-15' },
			{ username: m.username, stage: '正式党员', appliedOn: '2020-03-01', activistOn: '2020-10-01', candidateOn: '2021-11-01', admissionMeetingOn: '2022-03-01', admissionApprovedOn: '2022-03-20', confirmationMeetingOn: '2023-03-02', confirmationApprovedOn: '2023-03-20', transferredFrom: '某某大学' }
		]);
		const r = await importFile(bytes, [s.cs.path]);
		expect(r.applied).toEqual({ people: 2, entries: 6 + 9 });
		const records = await t.db.selectFrom('developmentRecord').selectAll().where('personId', 'in', [a.id, m.id]).orderBy('personId').execute();
		expect(records).toMatchObject([
			{ stage: 'activist', stageSince: '2026-09-10', imported: true, external: false, isLeagueMember: true },
			{ stage: 'member', stageSince: '2023-03-01', imported: true, external: true }
		]);
		const entries = await t.db.selectFrom('developmentEntry').select(['kind', 'imported']).where('personId', '=', a.id).execute();
		expect(entries.every((e) => e.imported)).toBe(true);
		const person = await t.db.selectFrom('person').select('politicalStatus').where('id', '=', m.id).executeTakeFirstOrThrow();
		expect(person.politicalStatus).toBe('member');

		const refused = await performTransition(t.db, s.users.secretary, a.id, { transition: 'to_candidate' }, { now });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.reasons.join('\n')).toContain('培养考察未满一年：2027-09-10 满一年');
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

		const again = await importFile(bytes, [s.cs.path]);
		expect(again.errors?.[0].messages).toEqual([`${a.name} 已有发展党员纪实档案，不能重复导入`]);
	});

	it('refuses a stage below the person\'s 政治面貌, on the row that says it, and changes nothing', async () => {
		const p = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'probationary' });
		const c = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'candidate' });
		const ok = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'activist' });
		const bytes = await workbook([
			{ username: ok.username, stage: '发展对象', appliedOn: '2025-03-01', activistOn: '2025-09-10', candidateOn: '2026-09-20' },
			{ username: p.username, stage: '入党积极分子', appliedOn: '2025-03-01', activistOn: '2025-09-10' },
			{ username: c.username, stage: '入党申请人', appliedOn: '2025-03-01' }
		]);
		const r = await importFile(bytes, [s.cs.path]);
		expect(r.errors).toEqual([
			{ rowNumber: 3, username: p.username, messages: [`${p.name} 的政治面貌为预备党员，当前阶段不能低于预备党员（表中为入党积极分子）`] },
			{ rowNumber: 4, username: c.username, messages: [`${c.name} 的政治面貌为发展对象，当前阶段不能低于发展对象（表中为入党申请人）`] }
		]);
		const people = await t.db.selectFrom('person').select(['id', 'politicalStatus']).where('id', 'in', [p.id, c.id, ok.id]).orderBy('id').execute();
		expect(people.map((x) => x.politicalStatus)).toEqual(['probationary', 'candidate', 'activist']);
		expect(await t.db.selectFrom('developmentRecord').select('personId').where('personId', 'in', [p.id, c.id, ok.id]).execute()).toEqual([]);
	});

	it('reads its own template', async () => {
		const parsed = await parseImport('模板.xlsx', await importTemplate());
		expect(parsed).toMatchObject({ ok: true, rows: [{ rowNumber: 2, stage: '入党积极分子', appliedOn: '2024-10-08' }] });
		expect(await parseImport('x.xls', new Uint8Array([1]))).toMatchObject({ ok: false });
	});
});
