import type { AuthUser, RoleGrant } from '../auth/session';
import type { Role } from '../db/schema';

// Who may do what with a person's development record, from role AND the org tree. The branch
// records its own steps; the higher committee files, pre-reviews, and — only a 党委, never a
// 党总支 — approves and grants exemptions; the League records 推优.

export interface Approver {
	orgUnitId: number;
	orgName: string;
	orgPath: string;
}

export interface DevelopmentRights {
	view: boolean;
	/** Branch steps: talk, decisions, meetings, evaluations… */
	branch: boolean;
	/** Filing, pre-review, the pre-approval talk: organizer or admin above the person (a general branch too). */
	committee: boolean;
	/** Approval and exemptions: the nearest 党委 the user acts for above the person; null if none. */
	approver: Approver | null;
	/** Why the user has committee rights but may not approve (a general branch). */
	approverRefusal?: string;
	league: boolean;
}

const covering = (user: AuthUser, path: string, roles: Role[]) =>
	user.roles.filter((g) => roles.includes(g.role) && path.startsWith(g.orgPath));

/** The deepest grant wins: a college committee approves for its own people before the school does. */
const deepest = (grants: RoleGrant[]) => [...grants].sort((a, b) => b.orgPath.length - a.orgPath.length)[0];

export function developmentRights(user: AuthUser, personOrgPath: string): DevelopmentRights {
	const committeeGrants = covering(user, personOrgPath, ['organizer', 'school_admin']);
	const approving = deepest(committeeGrants.filter((g) => g.orgKind === 'committee'));
	const rights: DevelopmentRights = {
		view: covering(user, personOrgPath, ['secretary', 'organizer', 'school_admin', 'league']).length > 0,
		branch: covering(user, personOrgPath, ['secretary', 'organizer', 'school_admin']).length > 0,
		committee: committeeGrants.length > 0,
		approver: approving ? { orgUnitId: approving.orgUnitId, orgName: approving.orgName, orgPath: approving.orgPath } : null,
		league: covering(user, personOrgPath, ['league', 'school_admin']).length > 0
	};
	if (rights.committee && !rights.approver) {
		const names = committeeGrants.map((g) => g.orgName).join('、');
		rights.approverRefusal = `${names}为党总支，无审批权：接收预备党员、转正等须由上级党委审批，请报党委办理`;
	}
	return rights;
}

/** Org subtrees whose records the user may see (lists, boards, deadlines). */
export function developmentScope(user: AuthUser, roles: Role[] = ['secretary', 'organizer', 'school_admin']): string[] {
	const paths = user.roles.filter((g) => roles.includes(g.role)).map((g) => g.orgPath);
	return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** Settings, the calendar and the import of the whole school: the organisation department. */
export function canAdministerDevelopment(user: AuthUser) {
	return user.roles.some((g) => g.role === 'school_admin');
}
