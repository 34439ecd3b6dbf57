import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema';
import type { AuthUser } from './session';
import { can, canAssign, hasRole, scopePaths } from './authz';

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

describe('canAssign', () => {
	it('lets an organizer hand out branch-level roles only inside their college', () => {
		expect(canAssign(organizer, 'secretary', CS_UG1)).toBe(true);
		expect(canAssign(organizer, 'league', CS)).toBe(true);
		expect(canAssign(organizer, 'instructor', CS_PG)).toBe(true);
		expect(canAssign(organizer, 'secretary', MED_UG1)).toBe(false);
		expect(canAssign(organizer, 'organizer', CS)).toBe(false);
		expect(canAssign(organizer, 'school_admin', CS)).toBe(false);
	});

	it('lets a school admin hand out any role anywhere in the school', () => {
		expect(canAssign(admin, 'organizer', MED)).toBe(true);
		expect(canAssign(admin, 'school_admin', SCHOOL)).toBe(true);
	});

	it('lets secretaries, league and instructors hand out nothing', () => {
		for (const u of [secretary, league, instructor, learner]) {
			for (const role of ['secretary', 'instructor', 'league'] as const) expect(canAssign(u, role, CS_UG1)).toBe(false);
		}
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
		expect(hasRole(secretary, 'secretary')).toBe(true);
		expect(hasRole(secretary, 'organizer', 'school_admin')).toBe(false);
	});
});
