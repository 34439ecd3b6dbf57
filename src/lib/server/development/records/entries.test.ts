import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { addDays } from '../engine/dates';
import type { EntryKind } from '../tables';
import { recordEntry, voidEntry } from './entries';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// One click, one effect: the same entry posted again (a double click, a retry, twenty tabs) is
// recorded once and audited once, and the repeats are answered as if they had succeeded.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const entriesOf = (personId: number, kind: EntryKind) =>
	t.db.selectFrom('developmentEntry').select(['id', 'voidedAt']).where('personId', '=', personId).where('kind', '=', kind).execute();
const auditsOf = async (personId: number, action: string) =>
	(await t.db.selectFrom('auditLog').select('id').where('entityType', '=', 'person').where('entityId', '=', String(personId)).where('action', '=', action).execute()).length;

const talk = { kind: 'thought_report', occurredOn: addDays(today, -3), details: { note: '第三季度思想汇报' } };

describe('recording the same entry again', () => {
	it('20 identical posts at once make one entry and one audit entry, and every post succeeds', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -100), today });
		const before = (await entriesOf(p.id, 'thought_report')).length;
		const results = await Promise.all(Array.from({ length: 20 }, () => recordEntry(t.db, s.users.secretary, p.id, talk, { now })));
		expect(results.every((r) => r.ok)).toBe(true);
		const ids = new Set(results.map((r) => (r.ok ? r.id : 0)));
		expect(ids.size).toBe(1);
		expect(new Set(results.map((r) => (r.ok ? r.message : '')))).toEqual(new Set([`已登记「思想汇报」（${talk.occurredOn}）`]));
		expect((await entriesOf(p.id, 'thought_report')).length).toBe(before + 1);
		expect(await auditsOf(p.id, 'development.entry')).toBe(1);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('posted twice 120 ms apart it is one entry', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -100), today });
		const before = (await entriesOf(p.id, 'thought_report')).length;
		const first = recordEntry(t.db, s.users.secretary, p.id, talk, { now });
		await new Promise((r) => setTimeout(r, 120));
		const second = await recordEntry(t.db, s.users.secretary, p.id, talk, { now });
		expect(await first).toEqual(second);
		expect((await entriesOf(p.id, 'thought_report')).length).toBe(before + 1);
		expect(await auditsOf(p.id, 'development.entry')).toBe(1);
	});

	it('a different entry on the same day is its own entry; after voiding, the same one can be recorded again', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -100), today });
		const before = (await entriesOf(p.id, 'thought_report')).length;
		const a = await recordEntry(t.db, s.users.secretary, p.id, talk, { now });
		const b = await recordEntry(t.db, s.users.secretary, p.id, { ...talk, details: { note: '第四季度思想汇报' } }, { now });
		expect(a.ok && b.ok && a.id !== b.id).toBe(true);
		if (!a.ok) return;
		expect(await voidEntry(t.db, s.users.secretary, p.id, a.id, '日期录错')).toMatchObject({ ok: true });
		const again = await recordEntry(t.db, s.users.secretary, p.id, talk, { now });
		expect(again.ok && again.id !== a.id).toBe(true);
		expect((await entriesOf(p.id, 'thought_report')).length).toBe(before + 3);
	});
});

describe('登记入党申请 never moves a person backwards', () => {
	for (const [status, label] of [['member', '正式党员'], ['probationary', '预备党员'], ['candidate', '发展对象'], ['activist', '入党积极分子']] as const) {
		it(`refuses an application for a ${status} without a development record, naming the stage, and writes nothing`, async () => {
			const p = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status });
			const r = await performTransition(t.db, s.users.secretary, p.id, { transition: 'apply', on: addDays(today, -1) }, { now });
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.status).toBe(400);
			expect(r.message).toContain(`当前为${label}`);
			const person = await t.db.selectFrom('person').select('politicalStatus').where('id', '=', p.id).executeTakeFirstOrThrow();
			expect(person.politicalStatus).toBe(status);
			expect(await t.db.selectFrom('developmentRecord').select('personId').where('personId', '=', p.id).execute()).toEqual([]);
			expect(await auditsOf(p.id, 'development.transition')).toBe(0);
		});
	}

	it('still records the application of a League member or of the masses', async () => {
		const p = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'league_member' });
		expect(await performTransition(t.db, s.users.secretary, p.id, { transition: 'apply', on: addDays(today, -1) }, { now })).toMatchObject({ ok: true, stage: 'applicant' });
	});
});
