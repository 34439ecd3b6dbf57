import { can, scopePaths } from '../auth/authz';
import type { AuthUser } from '../auth/session';

/** The subtrees two sets of subtrees share: for each overlapping pair, the narrower one. */
export function intersectScopes(a: string[], b: string[]): string[] {
	const out = new Set<string>();
	for (const p of a) for (const q of b) {
		if (p.startsWith(q)) out.add(p);
		else if (q.startsWith(p)) out.add(q);
	}
	return [...out];
}

/**
 * Org paths from which the user sees cohorts by the org tree: those of the roles that run
 * or fill cohorts. A cohort is visible when its scope lies within one of them (an organizer's
 * college cohorts) or contains one (school-wide cohorts, and a secretary's college's).
 * Instructors see only the cohorts they teach, whatever the scope of their role.
 */
export function cohortViewPaths(user: AuthUser) {
	return [...new Set([...scopePaths(user, 'cohort.manage'), ...scopePaths(user, 'cohort.enroll')])];
}

export interface CohortScope {
	/** the cohort's scope unit's path */
	orgPath: string;
	/** whether the user is one of its instructors */
	teaches: boolean;
}

export function canViewCohort(user: AuthUser, cohort: CohortScope) {
	return cohort.teaches || cohortViewPaths(user).some((p) => cohort.orgPath.startsWith(p) || p.startsWith(cohort.orgPath));
}

/** What the user may do with one cohort; `learnerPaths` null means every learner. */
export function cohortAccess(user: AuthUser, cohort: CohortScope) {
	const view = canViewCohort(user, cohort);
	const learnerPaths = !view
		? []
		: cohort.teaches
			? null
			: intersectScopes(intersectScopes(scopePaths(user, 'progress.view'), cohortViewPaths(user)), [cohort.orgPath]);
	return {
		view,
		manage: can(user, 'cohort.manage', { orgPath: cohort.orgPath }),
		/** where the user may enrol and withdraw learners: their enrol scope within the cohort's */
		enrollPaths: view ? intersectScopes(scopePaths(user, 'cohort.enroll'), [cohort.orgPath]) : [],
		learnerPaths
	};
}

export type CohortAccess = ReturnType<typeof cohortAccess>;

/** Whether a learner at `personPath` is visible under the access above. */
export function seesLearner(access: CohortAccess, personPath: string) {
	return access.learnerPaths === null || access.learnerPaths.some((p) => personPath.startsWith(p));
}
