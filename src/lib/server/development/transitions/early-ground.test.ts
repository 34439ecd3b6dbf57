import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { addDays } from '../engine/dates';
import { performTransition } from './perform';
import { earlyGroundFromForm } from './early-ground';
import { recordEntry } from '../records/entries';
import { loadDossier } from '../records/load';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// 第三十二条第三款: a probationary member who 违犯党纪 may have probation extended or be cancelled
// before it ends. Once, such a decision was refused outright: the ground could not be recorded.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const count = async (table: 'auditLog' | 'developmentEntry') =>
	Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const meeting = (purpose: string, extra: Record<string, unknown> = {}) => ({
	kind: 'branch_meeting',
	occurredOn: addDays(today, -5),
	details: { purpose, present: 4, votesFor: 4, votesAgainst: 0, abstentions: 0, ...extra }
});
/** Two months into probation: ten months before it ends. */
const early = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -60), today });
const ground = { ground: 'discipline' as const, description: '2026年10月起无正当理由连续三个月不参加党的组织生活' };

describe('an extension or cancellation before probation ends (第三十二条第三款)', () => {
	it('is refused without the ground, and passes with 违犯党纪 and what happened recorded, stored and audited', async () => {
		const p = await early();
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting('extension', { months: 6 }), { now })).toMatchObject({ ok: true });
		const before = [await count('auditLog'), await count('developmentEntry')];
		const refused = await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today }, { now });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.reasons.join()).toContain('预备期满前提前讨论，只限违犯党纪的情形，并须登记具体情况（《细则》第三十二条第三款）');
		const blank = await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today, earlyGround: { ground: 'discipline', description: ' ' } }, { now });
		expect(blank).toMatchObject({ ok: false, status: 400, reasons: ['请填写违犯党纪的具体情况'] });
		expect([await count('auditLog'), await count('developmentEntry')]).toEqual(before);

		const done = await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today, earlyGround: ground }, { now });
		expect(done.ok ? [] : done.reasons).toEqual([]);
		expect(done).toMatchObject({ ok: true, stage: 'probationary' });
		if (!done.ok) return;
		expect(done.evaluation.results.find((r) => r.checkId === 'probation-1y')).toMatchObject({
			status: 'pass',
			reason: `预备期 ${addDays(today, 305)} 才满一年，因违犯党纪提前讨论延长预备期（《细则》第三十二条第三款）：${ground.description}`
		});
		const approval = await t.db.selectFrom('developmentEntry').select('details').where('personId', '=', p.id).where('kind', '=', 'approval').where('occurredOn', '=', today).executeTakeFirstOrThrow();
		expect(approval.details).toMatchObject({ purpose: 'extension', earlyGround: ground });
		const audit = await t.db.selectFrom('auditLog').select(['action', 'entityId', 'after']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ action: 'development.transition', entityId: String(p.id), after: { transition: 'extend_probation', earlyGround: { ...ground, groundLabel: '违犯党纪' } } });
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('cancels early on the same ground, and the ground stays with the record when read again', async () => {
		const p = await early();
		await recordEntry(t.db, s.users.secretary, p.id, meeting('cancellation'), { now });
		const done = await performTransition(t.db, s.users.admin, p.id, { transition: 'cancel_probation', on: today, earlyGround: ground }, { now });
		expect(done.ok ? [] : done.reasons).toEqual([]);
		expect(done).toMatchObject({ ok: true, stage: 'cancelled' });
		const again = await loadDossier(t.db, p.id, now);
		expect(again?.dossier.approvals.find((a) => a.purpose === 'cancellation')).toMatchObject({ approvedOn: today, earlyGround: ground });
	});

	it('refuses the ground on a transition it does not belong to', async () => {
		const p = await early();
		const r = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_member', on: today, earlyGround: ground }, { now });
		expect(r).toMatchObject({ ok: false, status: 400, reasons: ['提前讨论的事由只适用于延长预备期或取消预备党员资格'] });
	});

	it('reads the ground from the form: none, or 违犯党纪 with its description', () => {
		const form = (fields: Record<string, string>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(fields)) f.set(k, v);
			return f;
		};
		expect(earlyGroundFromForm(form({}))).toEqual({ ok: true, value: undefined });
		expect(earlyGroundFromForm(form({ earlyGround: 'discipline', earlyDescription: ` ${ground.description} ` }))).toEqual({ ok: true, value: ground });
		expect(earlyGroundFromForm(form({ earlyGround: 'discipline', earlyDescription: '' }))).toEqual({ ok: false, errors: ['请填写违犯党纪的具体情况'] });
		expect(earlyGroundFromForm(form({ earlyGround: 'other', earlyDescription: '迟到' }))).toEqual({ ok: false, errors: ['提前讨论的事由只能是「违犯党纪」'] });
		expect(earlyGroundFromForm(form({ earlyDescription: '迟到' }))).toEqual({ ok: false, errors: ['填写了违犯党纪的具体情况，请同时选择事由「违犯党纪」'] });
	});
});
