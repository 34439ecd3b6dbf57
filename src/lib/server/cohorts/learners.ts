import { intParam, parsePaging } from '../http/paging';
import type { LearnerProgress } from './progress';

export interface LearnerFilter {
	q?: string;
	branchId?: number;
	/** only learners who have not yet met the hours and required lessons */
	todo: boolean;
}

export function learnerFilter(url: URL): LearnerFilter & { page: number; pageSize: number } {
	return {
		q: url.searchParams.get('q')?.trim().slice(0, 40) || undefined,
		branchId: intParam(url, 'branch'),
		todo: url.searchParams.get('todo') === '1',
		...parsePaging(url)
	};
}

// A cohort's learners are computed in one query for the chart anyway; filtering them here
// keeps that one query the only one.
export function filterLearners(rows: LearnerProgress[], f: LearnerFilter) {
	return rows.filter(
		(r) =>
			(!f.q || r.username.includes(f.q) || r.name.includes(f.q)) &&
			(f.branchId === undefined || r.orgUnitId === f.branchId) &&
			(!f.todo || !r.complete)
	);
}

/** Learners and completions per branch (the learner's own unit), in tree order. */
export function branchCompletion(rows: LearnerProgress[]) {
	const byUnit = new Map<number, { orgUnitId: number; name: string; total: number; complete: number }>();
	for (const r of rows) {
		const b = byUnit.get(r.orgUnitId) ?? { orgUnitId: r.orgUnitId, name: r.orgName, total: 0, complete: 0 };
		b.total++;
		if (r.complete) b.complete++;
		byUnit.set(r.orgUnitId, b);
	}
	return [...byUnit.values()];
}
