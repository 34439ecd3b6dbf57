import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { addDays } from '../engine/dates';
import { grantExemption, revokeExemption } from './exemptions';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';
import ExcelJS from 'exceljs';
import { rulesInEffect } from '../settings/rules-in-effect';
import { assessPeople, pipelinePeople, summarise } from '../reports/board';
import { boardWorkbook } from '../reports/workbooks';

// 个别特殊情况: only a 党委 grants, only for checks the rule set marks exemptable, with a reason;
// the exemption is audited and carried by the transition it lets through.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const untrained = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today, withoutActivistCertificate: true });
const untrainedMed = () => personWithHistory(t.db, s, s.medBranch.id, { stage: 'activist', since: addDays(today, -400), today, withoutActivistCertificate: true });
const input = { checkId: 'activist-training', reason: '已在外单位参加同等培训，经党委研究同意' };

describe('exemptions', () => {
	it('are refused to a secretary and to a general branch, granted by a committee', async () => {
		const p = await untrained();
		expect(await grantExemption(t.db, s.users.secretary, p.id, input, { now })).toMatchObject({ ok: false, status: 403 });
		const med = await untrainedMed();
		const general = await grantExemption(t.db, s.users.medOrganizer, med.id, input, { now });
		expect(general).toMatchObject({ ok: false, status: 403 });
		if (!general.ok) expect(general.errors[0]).toContain('党总支');
		expect(await grantExemption(t.db, s.users.admin, med.id, input, { now })).toMatchObject({ ok: true });

		expect(await grantExemption(t.db, s.users.organizer, p.id, input, { now })).toMatchObject({ ok: true, message: '已批准豁免『入党积极分子培训结业证书有效』' });
		const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'development.exemption').where('entityId', '=', String(p.id)).executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ checkId: 'activist-training', reason: input.reason, approver: '计算机学院党委' });

		const moved = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(moved).toMatchObject({ ok: true });
		const change = await t.db.selectFrom('developmentEntry').select('details').where('personId', '=', p.id).where('kind', '=', 'stage_change').orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(change.details.exemptions).toEqual([`『入党积极分子培训结业证书有效』豁免：${input.reason}`]);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

		// Still shown after the step it served, on the board and in its export.
		const rules = await rulesInEffect(t.db, now);
		const people = await assessPeople(t.db, await pipelinePeople(t.db, [s.csBranch.path], { q: p.username }), rules);
		expect(people[0].exemptions).toEqual([{ checkId: 'activist-training', title: '入党积极分子培训结业证书有效', reason: input.reason }]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await boardWorkbook('CS-UG1', people, summarise(people))) as unknown as ArrayBuffer);
		const cells = book.getWorksheet('名单')!.getRow(2).values as unknown[];
		expect(cells).toContain(`入党积极分子培训结业证书有效：${input.reason}`);
	});

	it('are refused for a national check, for a check that passes, and without a reason', async () => {
		const early = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -200), today });
		const national = await grantExemption(t.db, s.users.admin, early.id, { checkId: 'one-year', reason: '表现特别突出，申请提前' }, { now });
		expect(national).toMatchObject({ ok: false, status: 400 });
		if (!national.ok) expect(national.errors[0]).toBe('『培养考察满一年』为全国统一规定（《细则》第十三条），不能豁免');
		const passing = await grantExemption(t.db, s.users.admin, early.id, { checkId: 'activist-training', reason: '理由充分的说明' }, { now });
		expect(passing).toMatchObject({ ok: false, errors: ['『入党积极分子培训结业证书有效』当前已满足，无需豁免'] });
		const p = await untrained();
		expect(await grantExemption(t.db, s.users.admin, p.id, { ...input, reason: ' ' }, { now })).toMatchObject({ ok: false, status: 400 });
		expect(await grantExemption(t.db, s.users.admin, p.id, { ...input, checkId: 'no-such-check' }, { now })).toMatchObject({ ok: false, errors: ['未知的检查项「no-such-check」'] });
	});

	it('stop counting once revoked', async () => {
		const p = await untrained();
		await grantExemption(t.db, s.users.admin, p.id, input, { now });
		const row = await t.db.selectFrom('developmentExemption').select('id').where('personId', '=', p.id).executeTakeFirstOrThrow();
		expect(await revokeExemption(t.db, s.users.secretary, p.id, row.id)).toMatchObject({ ok: false, status: 403 });
		expect(await revokeExemption(t.db, s.users.admin, p.id, row.id)).toMatchObject({ ok: true });
		const r = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(r.ok).toBe(false);
	});
});
