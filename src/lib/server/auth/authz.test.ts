import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema';
import type { AuthUser } from './session';
import { approvingCommittee, can, canAssignRole, canGrantRole, canReadFile, canSomewhere, clientCan, clientScopePaths, rolesGranting, schoolWide, scopePaths } from './authz';

// The demo school's shape, as materialised paths:
//   /1/ school ─ /1/3/ 计算机学院党委 ─ /1/3/5/ 本科生第一支部, /1/3/6/ 研究生支部
//              └ /1/4/ 医学院党总支   ─ /1/4/7/ 临床医学支部
//              └ /1/10/ 另一学院      (id 10 shares the prefix "1" with id 1: paths must still separate them)
const SCHOOL = '/1/';
const CS = '/1/3/';
const CS_UG1 = '/1/3/5/';
const CS_PG = '/1/3/6/';
const MED = '/1/4/';
const MED_UG1 = '/1/4/7/';
const OTHER = '/1/10/';

function user(id: number, orgPath: string, roles: [Role, string][] = []): AuthUser {
	return {
		id,
		username: `u${id}`,
		name: `用户${id}`,
		orgUnitId: Number(orgPath.split('/').filter(Boolean).at(-1)),
		orgPath,
		orgName: '某组织',
		politicalStatus: 'member',
		mustChangePassword: false,
		roles: roles.map(([role, path]) => ({
			role,
			orgUnitId: Number(path.split('/').filter(Boolean).at(-1)),
			orgPath: path,
			orgName: '某组织',
			orgKind: 'branch'
		}))
	};
}

const secretary = user(100, CS_UG1, [['secretary', CS_UG1]]);
const organizer = user(101, CS, [['organizer', CS]]);
const admin = user(102, SCHOOL, [['school_admin', SCHOOL]]);
const learner = user(103, CS_UG1);
const instructor = user(104, SCHOOL, [['instructor', SCHOOL]]);
const league = user(105, CS, [['league', CS]]);

describe('can', () => {
	it('lets a secretary view people of their branch but not of another branch', () => {
		expect(can(secretary, 'person.view', { orgPath: CS_UG1, personId: 1 })).toBe(true);
		expect(can(secretary, 'person.view', { orgPath: CS_PG, personId: 2 })).toBe(false);
		expect(can(secretary, 'person.view', { orgPath: MED_UG1, personId: 3 })).toBe(false);
		expect(can(secretary, 'person.view', { orgPath: CS, personId: 4 })).toBe(false);
		// Viewing is not managing.
		expect(can(secretary, 'person.manage', { orgPath: CS_UG1, personId: 1 })).toBe(false);
		expect(can(secretary, 'roster.import', { orgPath: CS_UG1 })).toBe(false);
	});

	it("gives an organizer their college's whole subtree and nothing outside it", () => {
		for (const orgPath of [CS, CS_UG1, CS_PG]) {
			expect(can(organizer, 'person.view', { orgPath })).toBe(true);
			expect(can(organizer, 'person.manage', { orgPath })).toBe(true);
			expect(can(organizer, 'roster.import', { orgPath })).toBe(true);
		}
		for (const orgPath of [SCHOOL, MED, MED_UG1, OTHER]) {
			expect(can(organizer, 'person.view', { orgPath })).toBe(false);
		}
	});

	it('gives a school admin everything below the school', () => {
		for (const orgPath of [SCHOOL, CS_UG1, MED_UG1, OTHER]) expect(can(admin, 'audit.view', { orgPath })).toBe(true);
	});

	it('does not confuse unit 1 with unit 10 (paths end with a slash)', () => {
		const ofOne = user(106, '/1/', [['secretary', '/1/']]);
		expect(can(ofOne, 'person.view', { orgPath: '/10/' })).toBe(false);
		expect(can(user(107, '/1/3/', [['league', '/1/3/']]), 'person.view', { orgPath: '/1/30/' })).toBe(false);
	});

	it('lets a learner see only themselves', () => {
		expect(can(learner, 'person.view', { orgPath: CS_UG1, personId: learner.id })).toBe(true);
		expect(can(learner, 'person.view', { orgPath: CS_UG1, personId: 999 })).toBe(false);
		expect(can(learner, 'person.view', { orgPath: CS_UG1 })).toBe(false);
		expect(can(learner, 'person.manage', { orgPath: CS_UG1, personId: learner.id })).toBe(false);
		expect(scopePaths(learner, 'person.view')).toEqual([]);
	});

	it('gives an instructor no person access beyond themselves', () => {
		expect(can(instructor, 'person.view', { orgPath: CS_UG1, personId: 1 })).toBe(false);
		expect(can(instructor, 'person.view', { orgPath: SCHOOL, personId: instructor.id })).toBe(true);
		expect(scopePaths(instructor, 'person.view')).toEqual([]);
	});

	it('lets the league committee view but not manage its college', () => {
		expect(can(league, 'person.view', { orgPath: CS_PG })).toBe(true);
		expect(can(league, 'person.manage', { orgPath: CS_PG })).toBe(false);
		expect(can(league, 'person.view', { orgPath: MED_UG1 })).toBe(false);
	});
});

describe('canGrantRole', () => {
	it('lets an organizer hand out secretary only inside their college', () => {
		expect(canGrantRole(organizer, 'secretary', CS_UG1)).toBe(true);
		expect(canGrantRole(organizer, 'secretary', MED_UG1)).toBe(false);
		// Appointing organizers stays with the school.
		expect(canGrantRole(organizer, 'organizer', CS)).toBe(false);
		expect(canGrantRole(organizer, 'school_admin', CS)).toBe(false);
	});

	it('never lets a grant exceed what the granter holds there: an organizer cannot make instructors or the League', () => {
		// instructor carries course.author and bank.manage, league carries 推优: an organizer holds neither.
		expect(canGrantRole(organizer, 'instructor', CS_PG)).toBe(false);
		expect(canGrantRole(organizer, 'league', CS)).toBe(false);
	});

	it('lets a school admin hand out any role anywhere in the school', () => {
		expect(canGrantRole(admin, 'organizer', MED)).toBe(true);
		expect(canGrantRole(admin, 'school_admin', SCHOOL)).toBe(true);
		expect(canGrantRole(admin, 'instructor', CS)).toBe(true);
	});

	it('lets secretaries, league and instructors hand out nothing', () => {
		for (const u of [secretary, league, instructor, learner]) {
			for (const role of ['secretary', 'instructor', 'league'] as const) expect(canGrantRole(u, role, CS_UG1)).toBe(false);
		}
	});

	it('lets nobody grant a role to themselves, not even a school admin', () => {
		expect(canAssignRole(organizer, organizer.id, 'instructor', CS)).toBe(false);
		expect(canAssignRole(organizer, organizer.id, 'secretary', CS_UG1)).toBe(false);
		expect(canAssignRole(admin, admin.id, 'instructor', SCHOOL)).toBe(false);
		expect(canAssignRole(admin, 999, 'instructor', SCHOOL)).toBe(true);
	});
});

describe('decisions beyond role × subtree', () => {
	it('gives a cohort\'s instructor its teaching actions on that cohort only, whatever their role', () => {
		const cohort = { orgPath: SCHOOL, teaches: true };
		for (const a of ['cohort.view', 'session.manage', 'session.run', 'exam.manage', 'exam.grade', 'reflection.review'] as const) {
			expect(can(learner, a, cohort), a).toBe(true);
			expect(can(instructor, a, { orgPath: SCHOOL }), a).toBe(false);
		}
		expect(can(learner, 'certificate.issue', cohort)).toBe(false);
		expect(can(learner, 'cohort.manage', cohort)).toBe(false);
	});

	it('lets an assistant run and mark a session but not schedule it', () => {
		const session = { orgPath: CS, assists: true };
		expect(can(learner, 'session.run', session)).toBe(true);
		expect(can(learner, 'session.mark', session)).toBe(true);
		expect(can(learner, 'leave.decide', session)).toBe(true);
		expect(can(learner, 'session.manage', session)).toBe(false);
	});

	it('shows a school-wide cohort to a branch secretary, but a college cohort not to another college', () => {
		expect(can(secretary, 'cohort.view', { orgPath: SCHOOL })).toBe(true);
		expect(can(secretary, 'cohort.view', { orgPath: MED })).toBe(false);
		// Only seeing reaches up: managing a school-wide cohort is not the organizer's.
		expect(can(organizer, 'cohort.manage', { orgPath: SCHOOL })).toBe(false);
	});

	it('lets only a 党委 approve: an organizer of a 党总支 reviews but does not approve, the deepest committee does', () => {
		const general = user(120, MED, [['organizer', MED]]);
		general.roles[0].orgKind = 'general_branch';
		expect(can(general, 'development.review', { orgPath: MED_UG1 })).toBe(true);
		expect(can(general, 'development.approve', { orgPath: MED_UG1 })).toBe(false);
		expect(approvingCommittee(general, MED_UG1)).toBeNull();
		const both = user(121, CS, [['school_admin', SCHOOL], ['organizer', CS]]);
		for (const g of both.roles) g.orgKind = 'committee';
		expect(approvingCommittee(both, CS_UG1)?.orgPath).toBe(CS);
		expect(approvingCommittee(both, MED_UG1)?.orgPath).toBe(SCHOOL);
	});

	it('keeps school-wide settings to grants at the root', () => {
		expect(schoolWide(admin, 'settings.manage')).toBe(true);
		expect(schoolWide(admin, 'development.settings')).toBe(true);
		expect(schoolWide(user(122, CS, [['school_admin', CS]]), 'development.settings')).toBe(false);
		expect(schoolWide(organizer, 'settings.manage')).toBe(false);
	});

	it('decides a file by the record that owns it', () => {
		const leave = { kind: 'leave_request', personId: learner.id, session: { orgPath: CS } } as const;
		expect(canReadFile(learner, leave)).toBe(true);
		expect(canReadFile(organizer, leave)).toBe(true);
		expect(canReadFile(secretary, leave)).toBe(false);
		expect(canReadFile(secretary, { kind: 'development', personId: 1, orgPath: CS_UG1 })).toBe(true);
		expect(canReadFile(user(123, MED_UG1, [['secretary', MED_UG1]]), { kind: 'development', personId: 1, orgPath: CS_UG1 })).toBe(false);
		expect(canReadFile(learner, { kind: 'course' })).toBe(true);
		expect(canReadFile(learner, { kind: 'none', uploadedBy: secretary.id })).toBe(false);
		expect(canReadFile(secretary, { kind: 'none', uploadedBy: secretary.id })).toBe(true);
	});

	it('names who may be named instructor and who may work anywhere', () => {
		expect(rolesGranting('cohort.teach')).toEqual(['school_admin', 'instructor']);
		expect(canSomewhere(instructor, 'cohort.teach')).toBe(true);
		expect(canSomewhere(secretary, 'cohort.teach')).toBe(false);
	});
});

describe('scopePaths', () => {
	it('drops paths covered by a wider grant', () => {
		const many = user(110, CS, [
			['secretary', CS_UG1],
			['organizer', CS],
			['secretary', MED_UG1]
		]);
		expect(scopePaths(many, 'person.view')).toEqual([CS, MED_UG1]);
		// Only grants that carry the action count.
		expect(scopePaths(many, 'person.manage')).toEqual([CS]);
	});

	it('lists a unit once when two roles grant it', () => {
		const both = user(112, CS, [
			['organizer', CS],
			['league', CS]
		]);
		expect(scopePaths(both, 'person.view')).toEqual([CS]);
	});

	it('keeps sibling paths that share a numeric prefix', () => {
		const two = user(111, SCHOOL, [
			['secretary', '/1/'],
			['secretary', '/10/']
		]);
		expect(scopePaths(two, 'person.view')).toEqual(['/1/', '/10/']);
	});

	it('returns nothing for an action no role grants', () => {
		expect(scopePaths(secretary, 'audit.view')).toEqual([]);
	});
});

describe('an API client', () => {
	const client = { id: 1, orgPaths: [CS_UG1, CS] };
	it('reads the people of its units’ subtrees and nothing else', () => {
		expect(clientCan(client, 'certificate.view', { orgPath: CS_UG1 })).toBe(true);
		expect(clientCan(client, 'development.view', { orgPath: '/1/3/6/' })).toBe(true);
		expect(clientCan(client, 'person.view', { orgPath: '/1/4/7/' })).toBe(false);
		expect(clientCan(client, 'person.view', { orgPath: SCHOOL })).toBe(false);
		expect(clientScopePaths(client, 'progress.view')).toEqual([CS]);
	});
	it('holds no action that writes or reaches beyond the records', () => {
		for (const action of ['person.manage', 'certificate.revoke', 'audit.view', 'api_client.manage'] as const) {
			expect(clientCan(client, action, { orgPath: CS_UG1 }), action).toBe(false);
			expect(clientScopePaths(client, action), action).toEqual([]);
		}
	});
});
