import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { assignSupporter, endSupporter } from './supporters';
import { decisionFor } from '../engine/dossier-lookups';
import { loadDossier } from './load';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// A supporter is chosen by 学号/工号: the answer must not tell a secretary who holds a 学号
// outside their scope, nor that person's party status.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
const neutral = '未找到该学号，或不在您的管理范围内';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const applicant = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'applicant', since: addDays(today, -30), today });
const sponsor = (username: string) => ({ role: 'sponsor' as const, username, assignedOn: today });

describe('choosing a supporter by 学号', () => {
	it('answers the same for a 学号 of another branch as for one that does not exist, naming nobody', async () => {
		const p = await applicant();
		const otherMember = await insertPerson(t.db, { orgUnitId: s.medBranch.id, status: 'member' });
		const otherActivist = await insertPerson(t.db, { orgUnitId: s.medBranch.id, status: 'activist' });
		const missing = await assignSupporter(t.db, s.users.secretary, p.id, sponsor('no-such-number'), { now });
		const member = await assignSupporter(t.db, s.users.secretary, p.id, sponsor(otherMember.username), { now });
		const activist = await assignSupporter(t.db, s.users.secretary, p.id, sponsor(otherActivist.username), { now });
		expect(missing).toEqual({ ok: false, status: 400, errors: [neutral] });
		expect(member).toEqual(missing);
		expect(activist).toEqual(missing);
		const supporters = await t.db.selectFrom('developmentSupporter').select('id').where('personId', '=', p.id).where('role', '=', 'sponsor').execute();
		expect(supporters).toEqual([]);
	});

	it('still explains a mistake about someone in scope', async () => {
		const p = await applicant();
		const classmate = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'activist' });
		const r = await assignSupporter(t.db, s.users.secretary, p.id, sponsor(classmate.username), { now });
		expect(r).toEqual({ ok: false, status: 400, errors: [`${classmate.name} 不是正式党员，不能作入党介绍人`] });
		expect(await assignSupporter(t.db, s.users.secretary, p.id, sponsor(s.members[2].username), { now })).toMatchObject({ ok: true });
	});

	it('lets a college organizer choose a member of any branch of the college', async () => {
		const p = await applicant();
		const pgMember = await insertPerson(t.db, { orgUnitId: s.users.otherSecretary.orgUnitId, status: 'member' });
		expect(await assignSupporter(t.db, s.users.organizer, p.id, sponsor(pgMember.username), { now })).toMatchObject({ ok: true });
	});
});

describe('a sponsor under 留党察看', () => {
	it('is refused when chosen on a day of the probation, and accepted once it is over', async () => {
		const p = await applicant();
		const member = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'member' });
		await t.db
			.insertInto('personDiscipline')
			.values({ personId: member.id, kind: 'probation', startsOn: addDays(today, -100), endsOn: addDays(today, -1), decidedBy: '计算机学院党委', reason: '违纪' })
			.execute();
		const during = await assignSupporter(t.db, s.users.secretary, p.id, { ...sponsor(member.username), assignedOn: addDays(today, -1) }, { now });
		expect(during).toEqual({ ok: false, status: 400, errors: [`${member.name} 正在受留党察看处分，不能作入党介绍人`] });
		expect(await assignSupporter(t.db, s.users.secretary, p.id, sponsor(member.username), { now })).toMatchObject({ ok: true });
	});
});

// endedOn is stored as the first day the member no longer serves: an assignment ended on the day
// of the branch's decision does not cover that day.
describe('a mentor whose assignment ended', () => {
	const activistReady = async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today });
		const decidedOn = decisionFor((await loadDossier(t.db, p.id, now))!.dossier, 'candidate')!.decidedOn;
		const mentors = await t.db.selectFrom('developmentSupporter').select('id').where('personId', '=', p.id).where('role', '=', 'mentor').execute();
		expect(mentors).toHaveLength(2);
		return { p, decidedOn, mentors };
	};

	it('on the day of the decision no longer counts: to_candidate is refused', async () => {
		const { p, decidedOn, mentors } = await activistReady();
		for (const m of mentors) expect(await endSupporter(t.db, s.users.secretary, p.id, m.id, decidedOn)).toMatchObject({ ok: true });
		const r = await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reasons).toContain('『培养联系人』未指定培养联系人（须1–2名正式党员）（《细则》第九条）');
	});

	it('the day after the decision still counts for it', async () => {
		const { p, decidedOn, mentors } = await activistReady();
		for (const m of mentors) expect(await endSupporter(t.db, s.users.secretary, p.id, m.id, addDays(decidedOn, 1))).toMatchObject({ ok: true });
		expect(await performTransition(t.db, s.users.secretary, p.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: true, stage: 'candidate' });
	});
});
