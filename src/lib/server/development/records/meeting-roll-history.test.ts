import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonInput } from '$lib/people/schema';
import { transact } from '../../db/transact';
import { createPerson, setPersonActive, updatePerson } from '../../people/repository';
import { addDays, todayInShanghai } from '../engine/dates';
import { branchRoll } from './meeting-roll';
import { recordEntry } from './entries';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// 第二十条's denominators are the branch's full members with a vote on the meeting day, not today:
// a roll read as it stands now counted members who joined the branch, were confirmed or were
// recorded only after the meeting, and missed those who have left it since.
// Registry changes are audited with the real clock, so the dates here follow it too.

const now = new Date();
const today = todayInShanghai(now);
const lastWeek = addDays(today, -7);
let { t, s } = {} as SeededTest;
let voted: { id: number };

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	voted = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -105), today });
});
afterAll(() => t.close());

const onRoll = async (heldOn: string) => {
	const roll = await branchRoll(t.db, voted.id, heldOn);
	return { members: roll.members.map((m) => m.id), withoutVote: roll.withoutVote.map((m) => m.id) };
};
/** A full member of `orgUnitId` as the registry form writes one (audited). */
const member = (orgUnitId: number, extra: Partial<PersonInput> = {}) =>
	transact(t.db, (trx) =>
		createPerson(trx, s.users.admin.id, {
			username: `t-roll-${Math.random().toString(36).slice(2, 9)}`,
			name: `名册${Math.random().toString(36).slice(2, 6)}`,
			gender: 'male',
			birthDate: '1990-05-06',
			orgUnitId,
			grade: null,
			classGroup: null,
			politicalStatus: 'member',
			phone: null,
			graduationDate: null,
			ethnicity: null,
			nativePlace: null,
			education: null,
			joinedOn: '2015-06-01',
			confirmedOn: '2016-06-01',
			...extra
		})
	);
/** The registry form's edit: every field as on record, with `change` applied (audited like the page). */
const edit = async (id: number, change: Partial<PersonInput>) => {
	const p = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const { username, name, gender, birthDate, orgUnitId, grade, classGroup, politicalStatus, phone, graduationDate, ethnicity, nativePlace, education, joinedOn, confirmedOn } = p;
	const input = { username, name, gender, birthDate, orgUnitId, grade, classGroup, politicalStatus, phone, graduationDate, ethnicity, nativePlace, education, joinedOn, confirmedOn } as PersonInput;
	await transact(t.db, (trx) => updatePerson(trx, s.users.admin.id, id, { ...input, ...change }));
};

describe('the roll of a 支部大会 is the branch as it stood on the meeting day', () => {
	it('counts a member confirmed (转正日期) on or before the meeting day, not one confirmed after it', async () => {
		const x = await member(s.csBranch.id, { joinedOn: addDays(today, -400), confirmedOn: addDays(today, -30) });
		expect((await onRoll(addDays(today, -31))).members).not.toContain(x);
		expect((await onRoll(addDays(today, -30))).members).toContain(x);
	});

	it('does not count a member whose 入党日期 is less than a year before the meeting (still 预备党员), with no 转正日期 on record', async () => {
		const x = await member(s.csBranch.id, { joinedOn: addDays(today, -200), confirmedOn: null });
		const y = await member(s.csBranch.id, { joinedOn: addDays(today, -200), confirmedOn: null });
		await edit(y, { joinedOn: '2010-03-01' });
		const roll = await onRoll(today);
		expect(roll.members).not.toContain(x);
		expect(roll.members).toContain(y);
	});

	it('leaves out only during the 留党察看: one that ended before the meeting, or began after it, does not exclude', async () => {
		const ended = await member(s.csBranch.id);
		const during = await member(s.csBranch.id);
		const later = await member(s.csBranch.id);
		const probation = (personId: number, startsOn: string, endsOn: string) =>
			t.db.insertInto('personDiscipline').values({ personId, kind: 'probation', startsOn, endsOn, decidedBy: '计算机学院党委', reason: '违反组织纪律' }).execute();
		await probation(ended, addDays(lastWeek, -400), addDays(lastWeek, -1));
		await probation(during, addDays(lastWeek, -100), addDays(lastWeek, 100));
		await probation(later, addDays(lastWeek, 1), addDays(lastWeek, 300));
		const roll = await onRoll(lastWeek);
		expect(roll.members).toEqual(expect.arrayContaining([ended, later]));
		expect(roll.members).not.toContain(during);
		expect(roll.withoutVote).toEqual([during]);
	});

	it('does not count a member expelled (开除党籍) by the meeting day whose 政治面貌 was not yet changed', async () => {
		const x = await member(s.csBranch.id);
		await t.db.insertInto('personDiscipline').values({ personId: x, kind: 'expulsion', startsOn: addDays(lastWeek, -1), decidedBy: '计算机学院党委', reason: '严重违纪' }).execute();
		expect((await onRoll(addDays(lastWeek, -2))).members).toContain(x);
		expect((await onRoll(lastWeek)).members).not.toContain(x);
	});

	it('takes transfers in and out, deactivations and changes of 政治面貌 after the meeting day back to how they stood', async () => {
		const cameIn = await member(s.medBranch.id);
		const left = await member(s.csBranch.id);
		const deactivated = await member(s.csBranch.id);
		const becameMasses = await member(s.csBranch.id);
		const before = await onRoll(lastWeek);
		expect(before.members).toEqual(expect.arrayContaining([left, deactivated, becameMasses]));
		expect(before.members).not.toContain(cameIn);

		// Today, after the meeting a week ago.
		await edit(cameIn, { orgUnitId: s.csBranch.id });
		await edit(left, { orgUnitId: s.medBranch.id });
		await setPersonActive(t.db, s.users.admin.id, deactivated, false);
		await edit(becameMasses, { politicalStatus: 'masses', joinedOn: null, confirmedOn: null });

		const then = await onRoll(lastWeek);
		expect(then.members).toEqual(expect.arrayContaining([left, deactivated, becameMasses]));
		expect(then.members).not.toContain(cameIn);
		const nowRoll = await onRoll(today);
		expect(nowRoll.members).toContain(cameIn);
		for (const id of [left, deactivated, becameMasses]) expect(nowRoll.members).not.toContain(id);
	});

	it('stores, with a meeting recorded afterwards, the number of that day', async () => {
		const left = await member(s.csBranch.id);
		const roll = await onRoll(lastWeek);
		const then = roll.members.length;
		await edit(left, { orgUnitId: s.medBranch.id });
		const votes = { purpose: 'admission', present: 3, votesFor: 3, votesAgainst: 0, abstentions: 0 };
		const r = await recordEntry(t.db, s.users.secretary, voted.id, { kind: 'branch_meeting', occurredOn: lastWeek, details: votes }, { now });
		expect(r.ok ? null : r).toBeNull();
		const stored = await t.db.selectFrom('developmentEntry').select('details').where('id', '=', r.ok ? r.id : 0).executeTakeFirstOrThrow();
		expect(stored.details).toMatchObject({ membersWithVotingRights: then, roll: { onRoll: then + roll.withoutVote.length } });
	});
});
