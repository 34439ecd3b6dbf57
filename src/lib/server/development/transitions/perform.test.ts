import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { addDays } from '../engine/dates';
import { performTransition } from './perform';
import { rulesInEffect } from '../settings/rules-in-effect';
import { loadDossier } from '../records/load';
import { evaluateFor } from '../standing';
import { recordEntry } from '../records/entries';
import { seededTestDatabase, giveCertificate, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// The server enforces the checks: blocked transitions change nothing, passing ones write the
// stage, the entry and the audit entry together; a general branch never approves.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const stageOf = (id: number) =>
	t.db
		.selectFrom('person as p')
		.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select(['p.politicalStatus', 'r.stage', 'r.stageSince'])
		.where('p.id', '=', id)
		.executeTakeFirstOrThrow();
const count = async (table: 'auditLog' | 'developmentEntry') =>
	Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);


describe('to_candidate is blocked on the server until the activist holds a valid certificate', () => {
	it('refuses with the reason and writes nothing, then succeeds once the certificate exists', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today, withoutActivistCertificate: true });
		const [audits, entries] = [await count('auditLog'), await count('developmentEntry')];
		const refused = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(refused.status).toBe(400);
		expect(refused.reasons).toEqual([expect.stringContaining('尚无入党积极分子培训结业证书')]);
		expect(refused.reasons[0]).toContain('『入党积极分子培训结业证书有效』');
		expect(await stageOf(p.id)).toMatchObject({ politicalStatus: 'activist', stage: 'activist' });
		expect([await count('auditLog'), await count('developmentEntry')]).toEqual([audits, entries]);

		// Trained before the branch decided (the decision was 2026-11-05).
		await giveCertificate(t.db, s, p.id, 'activist', addDays(today, -60));
		const done = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(done).toMatchObject({ ok: true, stage: 'candidate' });
		expect(await stageOf(p.id)).toEqual({ politicalStatus: 'candidate', stage: 'candidate', stageSince: addDays(today, -400 + 375) });
		const audit = await t.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ action: 'development.transition', entityType: 'person', entityId: String(p.id), actorId: s.users.secretary.id });
		expect(audit.after).toMatchObject({ transition: 'to_candidate', from: 'activist', to: 'candidate' });
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('blocks a certificate that had expired by the decision', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today, withoutActivistCertificate: true });
		await giveCertificate(t.db, s, p.id, 'activist', '2024-01-10', '2026-01-09');
		const r = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reasons.join()).toContain('已于 2026年1月9日 过期');
	});
});

describe('authority', () => {
	it('lets only the branch, and those above it, move someone on', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today });
		expect(await performTransition(t.db, s.users.otherSecretary, p.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await performTransition(t.db, s.users.secretary2, p.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await performTransition(t.db, s.users.league, p.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: true });
	});

	it('keeps approval to a committee: not a secretary, not a general branch, not a committee without scope', async () => {
		const med = await personWithHistory(t.db, s, s.medBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		const approve = { transition: 'to_probationary' as const, on: today };
		expect(await performTransition(t.db, s.users.secretary2, med.id, approve, { now })).toMatchObject({ ok: false, status: 403 });
		const general = await performTransition(t.db, s.users.medOrganizer, med.id, approve, { now });
		expect(general).toMatchObject({ ok: false, status: 403 });
		if (!general.ok) expect(general.message).toContain('党总支，无审批权');
		expect(await performTransition(t.db, s.users.organizer, med.id, approve, { now })).toMatchObject({ ok: false, status: 403 });
		expect((await stageOf(med.id)).stage).toBe('candidate');

		const done = await performTransition(t.db, s.users.admin, med.id, approve, { now });
		expect(done).toMatchObject({ ok: true, stage: 'probationary' });
		const approval = await t.db.selectFrom('developmentEntry').select('details').where('personId', '=', med.id).where('kind', '=', 'approval').executeTakeFirstOrThrow();
		expect(approval.details).toMatchObject({ approverKind: 'committee', approverName: '示范大学党委', approverOrgUnitId: s.school.id });
		// Probation counts from the admitting branch meeting, not from the approval.
		expect(await stageOf(med.id)).toMatchObject({ stage: 'probationary', stageSince: addDays(today, -20), politicalStatus: 'probationary' });
	});

	it('lets the college committee approve its own people, refusing an approval dated before the meeting', async () => {
		const cs = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		const early = await performTransition(t.db, s.users.organizer, cs.id, { transition: 'to_probationary', on: addDays(today, -25) }, { now });
		expect(early).toMatchObject({ ok: false, status: 400 });
		const ok = await performTransition(t.db, s.users.organizer, cs.id, { transition: 'to_probationary', on: today }, { now });
		expect(ok).toMatchObject({ ok: true, stage: 'probationary' });
	});

	it('shows an approval recorded as from a general branch (imported data) as failing the approver check', async () => {
		const p = await personWithHistory(t.db, s, s.medBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		await t.db
			.insertInto('developmentEntry')
			.values({ personId: p.id, kind: 'approval', occurredOn: addDays(today, -5), details: { purpose: 'admission', approverKind: 'general_branch', approverName: '医学院党总支', approverOrgUnitId: s.med.id }, imported: true })
			.execute();
		const rules = await rulesInEffect(t.db, now);
		const loaded = (await loadDossier(t.db, p.id, now))!;
		const approver = evaluateFor(loaded, 'to_probationary', rules).results.find((r) => r.checkId === 'approver');
		expect(approver).toMatchObject({ status: 'fail', reason: expect.stringContaining('党总支无审批权') });
	});
});

describe('concurrency', () => {
	it('lets only one of two simultaneous transitions of the same person succeed', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today });
		const results = await Promise.all([
			performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now }),
			performTransition(t.db, s.users.organizer, p.id, { transition: 'to_candidate' }, { now })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const loser = results.find((r) => !r.ok);
		expect(loser && !loser.ok && loser.reasons[0]).toContain('当前为发展对象');
		const changes = await t.db.selectFrom('developmentEntry').select('id').where('personId', '=', p.id).where('kind', '=', 'stage_change').execute();
		expect(changes).toHaveLength(1);
	});
});

describe('apply', () => {
	it('refuses an application made before 18 and records one made at 18', async () => {
		const young = await insertPerson(t.db, { orgUnitId: s.csBranch.id, birthDate: '2008-12-01' });
		const refused = await performTransition(t.db, s.users.secretary, young.id, { transition: 'apply', on: '2026-11-01' }, { now });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.reasons[0]).toContain('2026-12-01 满18周岁，届时须重新递交申请');
		expect((await stageOf(young.id)).stage).toBeNull();

		const adult = await insertPerson(t.db, { orgUnitId: s.csBranch.id, birthDate: '2004-01-01' });
		expect(await performTransition(t.db, s.users.secretary, adult.id, { transition: 'apply', on: '2026-11-01' }, { now })).toMatchObject({ ok: true, stage: 'applicant' });
		expect(await stageOf(adult.id)).toEqual({ politicalStatus: 'applicant', stage: 'applicant', stageSince: '2026-11-01' });
		const again = await performTransition(t.db, s.users.secretary, adult.id, { transition: 'apply', on: '2026-11-02' }, { now });
		expect(again).toMatchObject({ ok: false, status: 400 });
	});
});

describe('entries', () => {
	it('authorises each step by who takes it and validates vote counts', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'applicant', since: addDays(today, -100), today });
		const med = await personWithHistory(t.db, s, s.medBranch.id, { stage: 'applicant', since: addDays(today, -100), today });
		const rec = { kind: 'nomination', occurredOn: today, details: { kind: 'league_recommendation' } };
		expect(await recordEntry(t.db, s.users.league, p.id, rec, { now })).toMatchObject({ ok: true });
		expect(await recordEntry(t.db, s.users.league, med.id, rec, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await recordEntry(t.db, s.users.secretary, p.id, rec, { now })).toMatchObject({ ok: false, status: 403 });
		const filing = { kind: 'filing', occurredOn: today, details: { stage: 'activist' } };
		expect(await recordEntry(t.db, s.users.secretary, p.id, filing, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await recordEntry(t.db, s.users.medOrganizer, med.id, filing, { now })).toMatchObject({ ok: true });
		expect(await recordEntry(t.db, s.users.secretary, p.id, { kind: 'evaluation', occurredOn: addDays(today, 1), details: {} }, { now })).toMatchObject({
			ok: false,
			errors: ['日期不能晚于今天']
		});
		// Who should attend is derived from the branch roll (4 full members here): see meeting-roll.test.ts.
		const meeting = { purpose: 'admission', present: 21, votesFor: 15, votesAgainst: 2, abstentions: 1 };
		const bad = await recordEntry(t.db, s.users.secretary, p.id, { kind: 'branch_meeting', occurredOn: today, details: meeting }, { now });
		expect(bad).toMatchObject({ ok: false, errors: [expect.stringContaining('实到人数（21）超过应到会有表决权的正式党员')] });
		const lost = await recordEntry(t.db, s.users.secretary, p.id, { kind: 'branch_meeting', occurredOn: today, details: { ...meeting, present: 4, votesFor: 1 } }, { now });
		expect(lost).toMatchObject({ ok: true, message: expect.stringContaining('表决未通过') });
	});
});

describe('probation', () => {
	const meeting = (purpose: string, extra: Record<string, unknown> = {}) => ({
		kind: 'branch_meeting',
		occurredOn: addDays(today, -5),
		// The branch roll holds 4 or 5 full members in this file (derived by the server).
		details: { purpose, present: 4, votesFor: 4, votesAgainst: 0, abstentions: 0, ...extra }
	});

	it('confirms a member after the year, with party age from the end of probation', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -380), today });
		const early = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_member', on: today }, { now });
		expect(early.ok).toBe(false);
		if (!early.ok) expect(early.reasons.join()).toContain('尚无支部大会讨论预备党员转正的表决记录');
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting('confirmation'), { now })).toMatchObject({ ok: true });
		expect(await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_member', on: today }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_member', on: today }, { now })).toMatchObject({ ok: true, stage: 'member' });
		expect(await stageOf(p.id)).toEqual({ politicalStatus: 'member', stage: 'member', stageSince: addDays(today, -15) });
	});

	it('extends probation once, by the months the meeting decided, and no more', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -380), today });
		await recordEntry(t.db, s.users.secretary, p.id, meeting('extension', { months: 6 }), { now });
		expect(await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today }, { now })).toMatchObject({ ok: true, stage: 'probationary' });
		const ext = await t.db.selectFrom('developmentEntry').select(['details', 'occurredOn']).where('personId', '=', p.id).where('kind', '=', 'probation_extension').execute();
		expect(ext).toEqual([{ details: { months: 6, note: '' }, occurredOn: addDays(today, -5) }]);
		const again = await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today }, { now });
		expect(again.ok).toBe(false);
		if (!again.ok) expect(again.reasons.join()).toContain('预备期只能延长1次');
	});

	it('cancels probation only on a carried meeting, closing the record', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -380), today });
		await recordEntry(t.db, s.users.secretary, p.id, meeting('cancellation', { votesFor: 1, votesAgainst: 3 }), { now });
		const lost = await performTransition(t.db, s.users.admin, p.id, { transition: 'cancel_probation', on: today }, { now });
		expect(lost.ok).toBe(false);
		if (!lost.ok) expect(lost.reasons.join()).toContain('表决未通过');
		await recordEntry(t.db, s.users.secretary, p.id, { ...meeting('cancellation'), occurredOn: addDays(today, -1) }, { now });
		expect(await performTransition(t.db, s.users.admin, p.id, { transition: 'cancel_probation', on: today }, { now })).toMatchObject({ ok: true, stage: 'cancelled' });
		const record = await t.db.selectFrom('developmentRecord').select(['closedOn', 'closedReason']).where('personId', '=', p.id).executeTakeFirstOrThrow();
		expect(record).toEqual({ closedOn: today, closedReason: 'probation_cancelled' });
		expect((await stageOf(p.id)).politicalStatus).toBe('league_member');
		expect(await performTransition(t.db, s.users.admin, p.id, { transition: 'to_member', on: today }, { now })).toMatchObject({ ok: false });
	});

	// 第三十二条: extension and cancellation are decided when probation ends, and approved within 3 months.
	it('refuses to extend or cancel on a meeting held before probation ended, changing nothing', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -60), today });
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting('extension', { months: 6 }), { now })).toMatchObject({ ok: true });
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting('cancellation'), { now })).toMatchObject({ ok: true });
		const before = [await count('auditLog'), await count('developmentEntry')];
		for (const transition of ['extend_probation', 'cancel_probation'] as const) {
			const r = await performTransition(t.db, s.users.organizer, p.id, { transition, on: today }, { now });
			expect(r.ok, transition).toBe(false);
			if (!r.ok) expect(r.reasons.join()).toContain('『预备期满一年』预备期未满一年');
		}
		expect([await count('auditLog'), await count('developmentEntry')]).toEqual(before);
		expect(await stageOf(p.id)).toMatchObject({ stage: 'probationary' });
	});

	it('refuses an extension approved more than 3 months after its meeting', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -480), today });
		expect(await recordEntry(t.db, s.users.secretary, p.id, { ...meeting('extension', { months: 6 }), occurredOn: addDays(today, -100) }, { now })).toMatchObject({ ok: true });
		const r = await performTransition(t.db, s.users.organizer, p.id, { transition: 'extend_probation', on: today }, { now });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reasons.join()).toContain('『三个月内审批』延长预备期的审批');
	});
});
