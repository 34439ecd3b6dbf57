import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/session';
import type { Role } from '../db/schema';
import { canManageCertificates, canViewCertificate } from './access';
import { branchScope } from '../completion/branch';

// School /1/, CS committee /1/2/ with branch /1/2/3/, MED /1/5/ with branch /1/5/6/.
const user = (id: number, orgPath: string, roles: [Role, string][] = []): AuthUser => ({
	id,
	username: `u${id}`,
	name: `用户${id}`,
	orgUnitId: 1,
	orgPath,
	orgName: '',
	politicalStatus: 'member',
	mustChangePassword: false,
	roles: roles.map(([role, path]) => ({ role, orgUnitId: 1, orgPath: path, orgName: '', orgKind: 'branch' }))
});

const holder = { personId: 100, holderOrgPath: '/1/2/3/' };
const people = {
	holder: user(100, '/1/2/3/'),
	classmate: user(101, '/1/2/3/'),
	secretary: user(2, '/1/2/3/', [['secretary', '/1/2/3/']]),
	otherSecretary: user(3, '/1/5/6/', [['secretary', '/1/5/6/']]),
	organizer: user(4, '/1/2/', [['organizer', '/1/2/']]),
	otherOrganizer: user(5, '/1/5/', [['organizer', '/1/5/']]),
	instructor: user(6, '/1/', [['instructor', '/1/']]),
	admin: user(7, '/1/', [['school_admin', '/1/']])
};

describe('who may see a certificate', () => {
	it('allows the holder, their secretary, their organizer and the admin', () => {
		for (const who of ['holder', 'secretary', 'organizer', 'admin'] as const) expect(canViewCertificate(people[who], holder), who).toBe(true);
	});

	it('refuses another learner, another branch or college, and an instructor', () => {
		for (const who of ['classmate', 'otherSecretary', 'otherOrganizer', 'instructor'] as const) expect(canViewCertificate(people[who], holder), who).toBe(false);
	});

	it('lets only the managers of the cohort revoke and reissue', () => {
		expect(canManageCertificates(people.admin, '/1/')).toBe(true);
		expect(canManageCertificates(people.organizer, '/1/')).toBe(false);
		expect(canManageCertificates(people.organizer, '/1/2/')).toBe(true);
		expect(canManageCertificates(people.secretary, '/1/2/')).toBe(false);
		expect(canManageCertificates(people.holder, '/1/2/')).toBe(false);
	});
});

describe('the branch completion view', () => {
	it('covers a secretary their branch, an organizer their committee, the admin everything, and no one else', () => {
		expect(branchScope(people.secretary)).toEqual(['/1/2/3/']);
		expect(branchScope(people.organizer)).toEqual(['/1/2/']);
		expect(branchScope(people.admin)).toEqual(['/1/']);
		expect(branchScope(user(8, '/1/', [['school_admin', '/1/'], ['secretary', '/1/2/3/']]))).toEqual(['/1/']);
		expect(branchScope(people.instructor)).toEqual([]);
		expect(branchScope(people.holder)).toEqual([]);
	});
});
