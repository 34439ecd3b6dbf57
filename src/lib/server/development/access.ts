import type { AuthUser } from '../auth/session';
import { approvingCommittee, can, grantsCovering, schoolWide, scopePaths } from '../auth/authz';

// Who may do what with a person's development record, in auth/authz.ts's vocabulary. The branch
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
	/** Approval: the nearest 党委 the user acts for above the person; null if none. */
	approver: Approver | null;
	/** Exemptions: the same, for development.exempt. */
	exempter: Approver | null;
	/** Why the user has committee rights but may not approve (a general branch). */
	approverRefusal?: string;
	league: boolean;
}

export function developmentRights(user: AuthUser, personOrgPath: string): DevelopmentRights {
	const target = { orgPath: personOrgPath };
	const approving = approvingCommittee(user, personOrgPath);
	const exempting = approvingCommittee(user, personOrgPath, 'development.exempt');
	const unit = (g: typeof approving) => (g ? { orgUnitId: g.orgUnitId, orgName: g.orgName, orgPath: g.orgPath } : null);
	const rights: DevelopmentRights = {
		view: can(user, 'development.view', target),
		branch: can(user, 'development.record', target),
		committee: can(user, 'development.review', target),
		approver: unit(approving),
		exempter: unit(exempting),
		league: can(user, 'league.recommend', target)
	};
	if (rights.committee && !rights.approver) {
		const names = grantsCovering(user, 'development.review', personOrgPath).map((g) => g.orgName).join('、');
		rights.approverRefusal = `${names}为党总支，无审批权：接收预备党员、转正等须由上级党委审批，请报党委办理`;
	}
	return rights;
}

/** Org subtrees whose records the user works on (lists, boards, deadlines): development.record. */
export function developmentScope(user: AuthUser): string[] {
	return scopePaths(user, 'development.record');
}

/** Org subtrees where the user records 推优 (the League; the organisation department too). */
export function leagueScope(user: AuthUser): string[] {
	return scopePaths(user, 'league.recommend');
}

/** Settings, the calendar and the import of the whole school: the organisation department. */
export function canAdministerDevelopment(user: AuthUser) {
	return schoolWide(user, 'development.settings');
}
