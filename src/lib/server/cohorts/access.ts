import { can, scopePaths } from '../auth/authz';
import { intersectScopes, withinScope } from '../auth/scope';
import type { AuthUser } from '../auth/session';

export { intersectScopes };

/**
 * Org paths from which the user sees cohorts by the org tree (cohort.view): a cohort is
 * visible when its scope lies within one of them (an organizer's college cohorts) or
 * contains one (school-wide cohorts, and a secretary's college's). Instructors see only
 * the cohorts they teach, whatever the scope of their role.
 */
export function cohortViewPaths(user: AuthUser) {
	return scopePaths(user, 'cohort.view');
}

export interface CohortScope {
	/** the cohort's scope unit's path */
	orgPath: string;
	/** whether the user is one of its instructors */
	teaches: boolean;
}

export function canViewCohort(user: AuthUser, cohort: CohortScope) {
	return can(user, 'cohort.view', cohort);
}

/**
 * Whose records of a cohort the user sees for `action` (progress.view, exam.results.view):
 * null = every learner (its instructors); else their scope within the cohort's.
 */
export function learnerScope(user: AuthUser, cohort: CohortScope, action: 'progress.view' | 'exam.results.view'): string[] | null {
	if (!canViewCohort(user, cohort)) return [];
	return cohort.teaches && can(user, action, cohort) ? null : intersectScopes(scopePaths(user, action), [cohort.orgPath]);
}

/** What the user may do with one cohort; `learnerPaths` null means every learner. */
export function cohortAccess(user: AuthUser, cohort: CohortScope) {
	const view = canViewCohort(user, cohort);
	const learnerPaths = learnerScope(user, cohort, 'progress.view');
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
	return access.learnerPaths === null || withinScope(personPath, access.learnerPaths);
}
