import { progressQuery, progressRows } from './progress';
import type { Db } from '$lib/server/db';

/** The cohorts a person is enrolled in, latest end first (unexecuted: the home page nests it). */
export function enrolledCohorts(db: Db, personId: number) {
	return db
		.selectFrom('enrollment as e')
		.innerJoin('cohort as c', 'c.id', 'e.cohortId')
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.select(['c.id', 'c.name', 'c.startsOn', 'c.endsOn', 'c.status', 'k.code as courseCode', 'k.title as courseTitle'])
		.where('e.personId', '=', personId)
		.orderBy('c.endsOn', 'desc')
		.orderBy('c.id', 'desc');
}

/** The first required published lesson not yet completed, per cohort (unexecuted). */
export function nextRequiredLessons(db: Db, personId: number) {
	return db
		.selectFrom('enrollment as e')
		.innerJoin('cohort as c', 'c.id', 'e.cohortId')
		.innerJoin('lesson as l', 'l.courseId', 'c.courseId')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.leftJoin('lessonProgress as lp', (j) => j.onRef('lp.lessonId', '=', 'l.id').onRef('lp.personId', '=', 'e.personId'))
		.distinctOn('e.cohortId')
		.select(['e.cohortId', 'l.slug', 'v.title'])
		.where('e.personId', '=', personId)
		.where('v.required', '=', true)
		.where('lp.completedAt', 'is', null)
		.orderBy('e.cohortId')
		.orderBy('l.sortOrder')
		.orderBy('l.id');
}

/** One learner's progress rows across their cohorts (unexecuted; toProgress makes numbers of them). */
export const ownProgress = (db: Db, personId: number) => progressQuery(db, { personId });

type CohortRow = Awaited<ReturnType<ReturnType<typeof enrolledCohorts>['execute']>>[number];
type NextRow = Awaited<ReturnType<ReturnType<typeof nextRequiredLessons>['execute']>>[number];
interface ProgressRow {
	cohortId: number;
	lessonsDone: number;
	lessonsRequired: number;
	hoursCredited: number;
	requiredHours: number;
	onlineDone: boolean;
}

/** Each cohort with the learner's progress in it and the lesson to study next. */
export function withProgress(cohorts: CohortRow[], progress: ProgressRow[], next: NextRow[]) {
	const progressOf = new Map(progress.map((p) => [p.cohortId, p]));
	const nextOf = new Map(next.map((n) => [n.cohortId, { slug: n.slug, title: n.title }]));
	return cohorts.map((c) => {
		const p = progressOf.get(c.id);
		return {
			...c,
			lessonsDone: p?.lessonsDone ?? 0,
			lessonsRequired: p?.lessonsRequired ?? 0,
			hoursCredited: p?.hoursCredited ?? 0,
			requiredHours: p?.requiredHours ?? 0,
			onlineDone: p?.onlineDone ?? false,
			nextLesson: nextOf.get(c.id) ?? null
		};
	});
}

/** The cohorts a person is enrolled in, with their progress and next lesson: three queries in all. */
export async function myCohorts(db: Db, personId: number) {
	const [cohorts, progress, next] = await Promise.all([
		enrolledCohorts(db, personId).execute(),
		progressRows(db, { personId }),
		nextRequiredLessons(db, personId).execute()
	]);
	return withProgress(cohorts, progress, next);
}
