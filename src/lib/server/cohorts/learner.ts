import { progressRows } from './progress';
import type { Db } from '$lib/server/db';

/** The cohorts a person is enrolled in, with their progress and next lesson: three queries in all. */
export async function myCohorts(db: Db, personId: number) {
	const [cohorts, progress, next] = await Promise.all([
		db
			.selectFrom('enrollment as e')
			.innerJoin('cohort as c', 'c.id', 'e.cohortId')
			.innerJoin('course as k', 'k.id', 'c.courseId')
			.select(['c.id', 'c.name', 'c.startsOn', 'c.endsOn', 'c.status', 'k.code as courseCode', 'k.title as courseTitle'])
			.where('e.personId', '=', personId)
			.orderBy('c.endsOn', 'desc')
			.orderBy('c.id', 'desc')
			.execute(),
		progressRows(db, { personId }),
		// The first required published lesson not yet completed, per cohort.
		db
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
			.orderBy('l.id')
			.execute()
	]);
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
