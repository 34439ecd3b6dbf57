import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { addDays } from '../engine/dates';
import { recordEntry } from './entries';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// 第二十条 counts against every full member with voting rights on the branch's roll. Once, the
// meeting form took 「其中应到会正式党员」 as a typed number: 2 votes for of 20 members carried.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	// 4 full members come with the school (the secretary and 3 members): 16 more make 20.
	for (let i = 0; i < 16; i++) await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'member' });
});
afterAll(() => t.close());

const count = async (table: 'auditLog' | 'developmentEntry') =>
	Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** A candidate with everything done but the admitting branch meeting and the pre-approval talk. */
const candidate = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -105), today });
const votes = { purpose: 'admission', present: 11, votesFor: 2, votesAgainst: 9, abstentions: 0 };
const meeting = (details: Record<string, unknown>) => ({ kind: 'branch_meeting', occurredOn: today, details });
const talk = { kind: 'talk', occurredOn: today, details: { purpose: 'pre_approval', by: 'organizer', talker: '组织员' } };

describe('the 支部大会 vote counts against the branch roll', () => {
	it('refuses a typed-down 「应到会正式党员」, and a vote of 2 for among 20 members does not admit anyone', async () => {
		const p = await candidate();
		const typed = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, membersWithVotingRights: 20, fullMembersExpected: 3 }), { now });
		expect(typed).toMatchObject({ ok: false, status: 400, errors: ['应到会人数由系统按支部党员名册核定，不能手工填写；如有按规定不计入的党员，请逐一列明并说明原因'] });
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, fullMembersExpected: 0 }), { now })).toMatchObject({ ok: false, status: 400 });

		const recorded = await recordEntry(t.db, s.users.secretary, p.id, meeting(votes), { now });
		expect(recorded).toMatchObject({ ok: true, message: '已登记「支部大会表决」（2026-11-20）；赞成2票，未超过应到会有表决权的正式党员20人的半数，表决未通过' });
		expect(await recordEntry(t.db, s.users.organizer, p.id, talk, { now })).toMatchObject({ ok: true });

		const [audits, entries] = [await count('auditLog'), await count('developmentEntry')];
		const refused = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today }, { now });
		expect(refused).toMatchObject({ ok: false, status: 400 });
		if (refused.ok) return;
		expect(refused.reasons).toContain(
			'『支部大会表决有效』2026-11-20 支部大会应到20人、实到11人，赞成2、反对9、弃权0；赞成票未超过应到会有表决权正式党员20人的半数，未通过（《细则》第二十条）'
		);
		expect([await count('auditLog'), await count('developmentEntry')]).toEqual([audits, entries]);
		const person = await t.db.selectFrom('person').select('politicalStatus').where('id', '=', p.id).executeTakeFirstOrThrow();
		expect(person.politicalStatus).toBe('candidate');
	});

	it('admits on a majority of the roll, and stores the roll with the entry', async () => {
		const p = await candidate();
		const r = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), { now });
		expect(r).toMatchObject({ ok: true, message: expect.stringContaining('超过应到会有表决权的正式党员20人的半数，表决通过') });
		const entry = await t.db.selectFrom('developmentEntry').select('details').where('id', '=', r.ok ? r.id : 0).executeTakeFirstOrThrow();
		expect(entry.details).toMatchObject({ membersWithVotingRights: 20, roll: { branchOrgUnitId: s.csBranch.id, onRoll: 20, excused: [] } });
		expect(entry.details).not.toHaveProperty('fullMembersExpected');
		await recordEntry(t.db, s.users.organizer, p.id, talk, { now });
		const done = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today }, { now });
		expect(done.ok ? [] : done.reasons).toEqual([]);
		expect(done).toMatchObject({ ok: true, stage: 'probationary' });
	});

	it('lets the recorder leave out members by rule, each named with a reason, and audits it', async () => {
		const p = await candidate();
		const [abroad, underProbation] = s.members;
		const excused = [
			{ personId: abroad.id, reason: 'abroad', note: '公派留学至2027年7月' },
			{ personId: underProbation.id, reason: 'disciplinary_probation', note: '2026年9月起留党察看一年' }
		];
		const r = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, votesFor: 10, votesAgainst: 1, excused }), { now });
		expect(r).toMatchObject({ ok: true, message: expect.stringContaining('超过应到会有表决权的正式党员18人的半数，表决通过') });
		const audit = await t.db.selectFrom('auditLog').select(['action', 'after']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
		expect(audit).toMatchObject({
			action: 'development.entry',
			after: {
				details: {
					membersWithVotingRights: 18,
					roll: {
						onRoll: 20,
						excused: [
							{ personId: abroad.id, name: abroad.name, reason: 'abroad', reasonLabel: '出国（境）半年以上', note: '公派留学至2027年7月' },
							{ personId: underProbation.id, name: underProbation.name, reason: 'disciplinary_probation', note: '2026年9月起留党察看一年' }
						]
					}
				}
			}
		});
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('refuses an exclusion without a reason, of someone not on the roll, or of everyone', async () => {
		const p = await candidate();
		const outsider = await insertPerson(t.db, { orgUnitId: s.medBranch.id, status: 'member' });
		const without = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, excused: [{ personId: s.members[0].id, reason: 'abroad', note: '' }] }), { now });
		expect(without).toMatchObject({ ok: false, errors: ['不计入应到会人数的具体情况至少 2 个字'] });
		const other = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, excused: [{ personId: outsider.id, reason: 'away', note: '外出实习' }] }), { now });
		expect(other).toMatchObject({ ok: false, errors: [`不计入应到会人数的人员（编号 ${outsider.id}）不是计算机学院本科生第一党支部的正式党员`] });
		const applicant = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'probationary' });
		const probationary = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, excused: [{ personId: applicant.id, reason: 'away', note: '外出实习' }] }), { now });
		expect(probationary.ok).toBe(false);
		const present = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, present: 21 }), { now });
		expect(present).toMatchObject({ ok: false, errors: ['实到人数（21）超过应到会有表决权的正式党员（20人）'] });
	});

	it('leaves out, by the registry, a member under 留党察看 on the meeting day (no vote), and only then', async () => {
		const p = await candidate();
		const m = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'member' });
		await t.db
			.insertInto('personDiscipline')
			.values({ personId: m.id, kind: 'probation', startsOn: addDays(today, -100), endsOn: addDays(today, -5), decidedBy: '计算机学院党委', reason: '违反组织纪律' })
			.execute();
		const during = await recordEntry(t.db, s.users.secretary, p.id, { ...meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), occurredOn: addDays(today, -6) }, { now });
		expect(during).toMatchObject({ ok: true, message: expect.stringContaining('正式党员20人') });
		const stored = await t.db.selectFrom('developmentEntry').select('details').where('id', '=', during.ok ? during.id : 0).executeTakeFirstOrThrow();
		expect(stored.details).toMatchObject({ roll: { onRoll: 21, withoutVote: [{ personId: m.id, name: m.name }] } });
		const named = await recordEntry(t.db, s.users.secretary, p.id, { ...meeting({ ...votes, excused: [{ personId: m.id, reason: 'disciplinary_probation', note: '留党察看中' }] }), occurredOn: addDays(today, -6) }, { now });
		expect(named).toMatchObject({ ok: false, errors: [`${m.name}受留党察看处分，已按党员名册不计入，无需再列`] });
		const after = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), { now });
		expect(after).toMatchObject({ ok: true, message: expect.stringContaining('正式党员21人') });
		await t.db.updateTable('person').set({ politicalStatus: 'masses' }).where('id', '=', m.id).execute();
	});

	it('counts a member confirmed only after the meeting day as not yet having a vote', async () => {
		const p = await candidate();
		// Confirmation approved 12 days after probation ended (today - 20): after a meeting 10 days ago.
		const late = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'member', since: addDays(today, -20), today });
		await t.db.updateTable('person').set({ politicalStatus: 'member' }).where('id', '=', late.id).execute();
		const before = await recordEntry(t.db, s.users.secretary, p.id, { ...meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), occurredOn: addDays(today, -10) }, { now });
		expect(before).toMatchObject({ ok: true, message: expect.stringContaining('正式党员20人') });
		const after = await recordEntry(t.db, s.users.secretary, p.id, meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), { now });
		expect(after).toMatchObject({ ok: true, message: expect.stringContaining('正式党员21人') });
		// The registry's 转正日期 says the same for members confirmed before the system kept records.
		await t.db.updateTable('person').set({ confirmedOn: addDays(today, -5) }).where('id', '=', late.id).execute();
		const registered = await recordEntry(t.db, s.users.secretary, p.id, { ...meeting({ ...votes, votesFor: 11, votesAgainst: 0 }), occurredOn: addDays(today, -6) }, { now });
		expect(registered).toMatchObject({ ok: true, message: expect.stringContaining('正式党员20人') });
		await t.db.updateTable('person').set({ politicalStatus: 'probationary', confirmedOn: null }).where('id', '=', late.id).execute();
	});
});
