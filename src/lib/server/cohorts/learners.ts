import { intParam, parsePaging } from '../http/paging';
import { containsPattern } from '../auth/scope';
import { progressQuery, toProgress } from './progress';
import type { Db } from '$lib/server/db';

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

/** One cohort's learners the viewer may see (`paths`; undefined = all), filtered in SQL. */
function matching(db: Db, cohortId: number, paths: string[] | undefined, f: LearnerFilter) {
	let q = db.selectFrom(progressQuery(db, { cohortId, paths }).as('r')).selectAll('r');
	if (f.q) q = q.where((eb) => eb.or([eb('r.username', 'like', containsPattern(f.q!)), eb('r.name', 'like', containsPattern(f.q!))]));
	if (f.branchId !== undefined) q = q.where('r.orgUnitId', '=', f.branchId);
	if (f.todo) q = q.where('r.onlineDone', '=', false);
	return q;
}

/** Every matching learner in tree order: the export. */
export async function cohortLearners(db: Db, cohortId: number, paths: string[] | undefined, f: LearnerFilter) {
	const rows = await matching(db, cohortId, paths, f).orderBy('r.orgPath').orderBy('r.username').execute();
	return rows.map(toProgress);
}

/** One page of matching learners and how many match. */
export async function cohortLearnerPage(db: Db, cohortId: number, paths: string[] | undefined, f: LearnerFilter & { page: number; pageSize: number }) {
	const q = matching(db, cohortId, paths, f);
	const [rows, count] = await Promise.all([
		q.orderBy('r.orgPath').orderBy('r.username').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
		q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows: rows.map(toProgress), total: Number(count.n) };
}

/** Learners and those with the online part done, per branch (the learner's own unit), in tree order. */
export async function branchCompletion(db: Db, cohortId: number, paths: string[] | undefined) {
	const rows = await db
		.selectFrom(progressQuery(db, { cohortId, paths }).as('r'))
		.select((eb) => ['r.orgUnitId', 'r.orgName as name', eb.fn.countAll<number>().as('total'), eb.fn.countAll<number>().filterWhere('r.onlineDone', '=', true).as('onlineDone')])
		.groupBy(['r.orgUnitId', 'r.orgName', 'r.orgPath'])
		.orderBy('r.orgPath')
		.execute();
	return rows.map((r) => ({ orgUnitId: r.orgUnitId, name: r.name, total: Number(r.total), onlineDone: Number(r.onlineDone) }));
}
