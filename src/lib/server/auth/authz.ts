import type { Role } from '../db/schema';
import type { AuthUser, RoleGrant } from './session';
import { minimalPaths, withinScope } from './scope';

/**
 * The site's one authorization vocabulary: what a person may do, decided from role AND
 * organisational scope (and, for a few actions, their relation to the record). Every load,
 * action, endpoint, feature access module and the navigation ask here; nothing else keeps
 * a list of roles.
 */
export const actions = [
	// People and the org tree
	'person.view', // see a person's profile and records
	'person.manage', // create, edit, deactivate, reset password
	'person.sensitive.view', // see and change a person's 身份证号 whole (everyone else sees it masked): committeeOnly
	'discipline.record', // record and void 处分 (留党察看 …) and see them: committeeOnly
	'roster.import', // import rosters (people, development records)
	'org.view',
	'org.manage', // create and edit org units below the scope
	'role.manage', // hand out roles within the scope (see canGrant)
	'audit.view',
	'settings.manage', // school-wide settings (certificates); asked with schoolWide()
	'api_client.manage', // create and revoke the tokens of other systems (api-clients/); asked with schoolWide()
	// Courses (scoped by the course's owning unit)
	'course.author', // write, publish and unpublish courses and lessons
	'bank.manage', // question banks of those courses, answer keys included
	// Cohorts (培训班)
	'cohort.view', // see cohorts: reaches up too, a school-wide cohort is seen from a branch
	'cohort.manage', // create and edit cohorts for the scope
	'cohort.enroll', // enrol people of the scope into cohorts
	'cohort.teach', // may be named a cohort's instructor
	'progress.view', // see learners' progress, hours, attendance and scores
	'reflection.review', // review 心得体会
	// Offline sessions (集中授课)
	'session.manage', // schedule, move, cancel, name assistants
	'session.run', // projector and rotating codes
	'session.mark', // mark attendance, see flagged check-ins
	'leave.decide', // approve or refuse leave requests
	// Exams
	'exam.manage', // create and edit exams, overrides and make-ups (补考), regrade
	'exam.grade', // see answers next to the keys
	'exam.results.view', // scores, times and signals
	// Certificates
	'certificate.view',
	'certificate.issue',
	'certificate.revoke', // revoke and reissue
	// Development (发展党员)
	'development.view', // a person's development record
	'development.record', // the branch's steps: talks, decisions, meetings, evaluations…
	'development.review', // filing, pre-review, the pre-approval talk (the higher committee)
	'development.approve', // admissions and confirmations: a 党委 only (committeeOnly)
	'development.exempt', // exemptions from a rule: a 党委 only (committeeOnly)
	'development.settings', // rule settings and the work calendar; asked with schoolWide()
	'development.college_settings', // a college committee's stricter rules for its own units: a 党委 only (committeeOnly)
	'development.submit', // hand in one's own 入党申请书 and 思想汇报 online: the self relation only
	'development.mentor', // a 培养联系人's 考察意见 and half-yearly evaluation: the mentors relation only
	'league.recommend', // 推优
	// Files: decided by the record that owns the file (canReadFile)
	'file.read'
] as const;
export type Action = (typeof actions)[number];

/** Every grant in one table: a role held at a unit gives these actions on that unit's subtree. */
const grants: Record<Role, readonly Action[]> = {
	school_admin: actions,
	organizer: [
		'person.view', 'person.manage', 'person.sensitive.view', 'discipline.record', 'roster.import', 'org.view', 'org.manage', 'role.manage', 'audit.view',
		'cohort.view', 'cohort.manage', 'cohort.enroll', 'progress.view', 'reflection.review',
		'session.manage', 'session.run', 'session.mark', 'leave.decide',
		'exam.manage', 'exam.grade', 'exam.results.view',
		'certificate.view', 'certificate.issue', 'certificate.revoke',
		'development.view', 'development.record', 'development.review', 'development.approve', 'development.exempt', 'development.college_settings'
	],
	secretary: [
		'person.view', 'org.view', 'cohort.view', 'cohort.enroll', 'progress.view', 'exam.results.view', 'certificate.view',
		'development.view', 'development.record'
	],
	league: ['person.view', 'org.view', 'certificate.view', 'development.view', 'league.recommend'],
	instructor: ['cohort.teach', 'course.author', 'bank.manage']
};

/** The roles each role may hand out, within its own subtree (and within canGrantRole's limit). */
const assignableRoles: Record<Role, readonly Role[]> = {
	school_admin: ['school_admin', 'organizer', 'secretary', 'instructor', 'league'],
	organizer: ['secretary', 'instructor', 'league'],
	secretary: [],
	league: [],
	instructor: []
};

/** How the user stands to one record, whatever their roles. */
export type Relation = 'self' | 'teaches' | 'assists' | 'mentors';

/** What a relation gives on that record alone. */
const relationGrants: Record<Relation, readonly Action[]> = {
	/** the record is about the user */
	self: ['person.view', 'certificate.view', 'development.submit'],
	/** the user is one of the cohort's instructors */
	teaches: [
		'cohort.view', 'progress.view', 'reflection.review', 'session.manage', 'session.run', 'session.mark', 'leave.decide',
		'exam.manage', 'exam.grade', 'exam.results.view'
	],
	/** a named attendance assistant, or the session's own instructor */
	assists: ['session.run', 'session.mark', 'leave.decide'],
	/** the user is the person's 培养联系人 on the day (an assignment covering it: development/submissions.ts) */
	mentors: ['development.mentor']
};

/** Actions no role carries, whatever its scope: nobody hands in another's 思想汇报, an admin neither. */
const relationOnly: readonly Action[] = ['development.submit', 'development.mentor'];

/**
 * Only a 党委 approves: a grant held at a 党总支 does not carry these. Identity numbers and
 * 处分 are kept at committee level too, as the party's personnel files are.
 */
const committeeOnly: readonly Action[] = ['development.approve', 'development.exempt', 'development.college_settings', 'person.sensitive.view', 'discipline.record'];

/** Actions whose scope also reaches the units above a grant (a school-wide cohort is seen from a branch). */
const reachesUp: readonly Action[] = ['cohort.view'];

/** Something that sits in the org tree (a person by their unit, a unit, a cohort by its scope), and how the user stands to it. */
export interface Target {
	orgPath: string;
	/** the person the record is about: their own records give the `self` actions */
	personId?: number;
	teaches?: boolean;
	assists?: boolean;
	mentors?: boolean;
}
export type Scoped = Target;

const carries = (g: RoleGrant, action: Action) =>
	grants[g.role].includes(action) && !relationOnly.includes(action) && (!committeeOnly.includes(action) || g.orgKind === 'committee');

function covers(g: RoleGrant, action: Action, orgPath: string) {
	return orgPath.startsWith(g.orgPath) || (reachesUp.includes(action) && g.orgPath.startsWith(orgPath));
}

function relationsOf(user: AuthUser, target: Target): Relation[] {
	const out: Relation[] = [];
	if (target.personId === user.id) out.push('self');
	if (target.teaches) out.push('teaches');
	if (target.assists) out.push('assists');
	if (target.mentors) out.push('mentors');
	return out;
}

export function can(user: AuthUser, action: Action, target: Target): boolean {
	if (relationsOf(user, target).some((r) => relationGrants[r].includes(action))) return true;
	return user.roles.some((g) => carries(g, action) && covers(g, action, target.orgPath));
}

/** The user's grants that carry `action` over `orgPath` (for naming the unit a decision is made for). */
export function grantsCovering(user: AuthUser, action: Action, orgPath: string): RoleGrant[] {
	return user.roles.filter((g) => carries(g, action) && covers(g, action, orgPath));
}

/** Org paths whose subtrees the user may act on: for set-based list queries (auth/scope.ts). */
export function scopePaths(user: AuthUser, action: Action): string[] {
	return minimalPaths(user.roles.filter((g) => carries(g, action)).map((g) => g.orgPath));
}

/** Whether the user may do `action` anywhere (a menu entry, a list page that filters by scope). */
export function canSomewhere(user: AuthUser, action: Action) {
	return user.roles.some((g) => carries(g, action));
}

/** Whether the user holds `action` for the whole school (a grant at a root unit): school-wide settings. */
export function schoolWide(user: AuthUser, action: Action) {
	return user.roles.some((g) => carries(g, action) && g.orgPath.split('/').filter(Boolean).length === 1);
}

/** The roles that carry `action` somewhere: for queries such as "who may be named instructor". */
export function rolesGranting(action: Action): Role[] {
	return (Object.keys(grants) as Role[]).filter((r) => grants[r].includes(action));
}

/**
 * The 党委 that approves for a person at `personOrgPath`: the deepest committee grant of
 * the user that carries development.approve (or .exempt; a college committee approves for its own
 * people before the school does); null if the user acts for none.
 */
export function approvingCommittee(
	user: AuthUser,
	personOrgPath: string,
	action: 'development.approve' | 'development.exempt' = 'development.approve'
): RoleGrant | null {
	const covering = grantsCovering(user, action, personOrgPath);
	return [...covering].sort((a, b) => b.orgPath.length - a.orgPath.length)[0] ?? null;
}

/**
 * Whether the user may hand `role` at the unit `orgPath`: a role their own role may hand out
 * there (assignableRoles, with role.manage), and never more than they hold there themselves
 * (every action of the role must be one the user holds over that unit), so no grant widens
 * anyone's powers. Revoking follows the same rule.
 */
export function canGrantRole(user: AuthUser, role: Role, orgPath: string) {
	const hands = user.roles.some((g) => carries(g, 'role.manage') && assignableRoles[g.role].includes(role) && orgPath.startsWith(g.orgPath));
	if (!hands) return false;
	return grants[role].every((a) => user.roles.some((g) => grants[g.role].includes(a) && orgPath.startsWith(g.orgPath)));
}

/** canGrantRole, for another person: nobody grants a role to themselves. */
export function canAssignRole(user: AuthUser, personId: number, role: Role, orgPath: string) {
	return personId !== user.id && canGrantRole(user, role, orgPath);
}

/**
 * The record a stored file belongs to, which alone decides who reads it:
 * - course: lesson figures and videos, read by every signed-in learner as the lessons are;
 * - leave_request: the requester, and those who decide leave for the session;
 * - development: an attachment of a person's development record (entries, exemptions);
 * - none: a file no record points to (yet), only its uploader reads it.
 */
export type FileOwner =
	| { kind: 'course' }
	| { kind: 'leave_request'; personId: number; session: Target }
	| { kind: 'development'; personId: number; orgPath: string }
	| { kind: 'none'; uploadedBy: number | null };

/** file.read: may the user read a file owned by `owner`? */
export function canReadFile(user: AuthUser, owner: FileOwner): boolean {
	switch (owner.kind) {
		case 'course':
			return true;
		case 'leave_request':
			return owner.personId === user.id || can(user, 'leave.decide', owner.session);
		case 'development':
			return can(user, 'development.view', { orgPath: owner.orgPath });
		case 'none':
			return owner.uploadedBy !== null && owner.uploadedBy === user.id;
	}
}

/**
 * An API client (another system of the school, api-clients/): no person, no roles, only the org
 * units its token names. It reads what those units' people hold and nothing else, as a
 * secretary of those units reads it; nothing it may do writes.
 */
export interface ApiClient {
	id: number;
	orgPaths: string[];
}
const clientGrants: readonly Action[] = ['person.view', 'progress.view', 'certificate.view', 'development.view'];

export function clientCan(client: ApiClient, action: Action, target: Target): boolean {
	return clientGrants.includes(action) && withinScope(target.orgPath, client.orgPaths);
}

/** scopePaths for an API client: its units' subtrees when the action is one it holds. */
export function clientScopePaths(client: ApiClient, action: Action): string[] {
	return clientGrants.includes(action) ? minimalPaths(client.orgPaths) : [];
}
