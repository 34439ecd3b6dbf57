import type { Role } from '../db/schema';
import type { AuthUser } from './session';

/**
 * What a person may do, decided from role AND organisational scope. Every load,
 * action and endpoint asks here; nothing decides access from the URL.
 */
export type Action =
	| 'person.view' // see a person's profile and records
	| 'person.manage' // create, edit, deactivate, reset password
	| 'org.view'
	| 'org.manage' // create and edit org units below the scope
	| 'role.manage' // assign roles within the scope
	| 'roster.import'
	| 'audit.view'
	| 'course.author' // write, publish and unpublish courses and lessons
	| 'cohort.manage' // create and edit cohorts (培训班) for the scope
	| 'cohort.enroll' // enrol people of the scope into cohorts
	| 'progress.view'; // see learners' progress and hours

const grants: Record<Role, readonly Action[]> = {
	school_admin: [
		'person.view', 'person.manage', 'org.view', 'org.manage', 'role.manage', 'roster.import', 'audit.view',
		'course.author', 'cohort.manage', 'cohort.enroll', 'progress.view'
	],
	organizer: [
		'person.view', 'person.manage', 'org.view', 'org.manage', 'role.manage', 'roster.import', 'audit.view',
		'cohort.manage', 'cohort.enroll', 'progress.view'
	],
	secretary: ['person.view', 'org.view', 'cohort.enroll', 'progress.view'],
	league: ['person.view', 'org.view'],
	instructor: ['course.author', 'progress.view']
};

/** The roles each role may hand out (always within the granter's own scope). */
export const assignableRoles: Record<Role, readonly Role[]> = {
	school_admin: ['school_admin', 'organizer', 'secretary', 'instructor', 'league'],
	organizer: ['secretary', 'instructor', 'league'],
	secretary: [],
	league: [],
	instructor: []
};

/** Something that sits in the org tree: a person (by their unit) or a unit. */
export interface Scoped {
	orgPath: string;
	personId?: number;
}

const selfActions: readonly Action[] = ['person.view'];

export function can(user: AuthUser, action: Action, target: Scoped): boolean {
	if (target.personId === user.id && selfActions.includes(action)) return true;
	return user.roles.some(
		(g) => grants[g.role].includes(action) && target.orgPath.startsWith(g.orgPath)
	);
}

/** Org paths whose subtrees the user may act on: for set-based list queries. */
export function scopePaths(user: AuthUser, action: Action): string[] {
	const paths = [...new Set(user.roles.filter((g) => grants[g.role].includes(action)).map((g) => g.orgPath))];
	// Drop paths already covered by a wider one, so queries stay short.
	return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

export function hasRole(user: AuthUser, ...roles: Role[]) {
	return user.roles.some((g) => roles.includes(g.role));
}

export function canAssign(user: AuthUser, role: Role, orgPath: string) {
	return user.roles.some(
		(g) => assignableRoles[g.role].includes(role) && orgPath.startsWith(g.orgPath)
	);
}
