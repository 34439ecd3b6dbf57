import type { Db } from '$lib/server/db';

/** The query of lastStudiedLesson, unexecuted (the home page nests it in its one statement). */
export function lastStudiedLessonQuery(db: Db, personId: number) {
	return db
		.selectFrom('lessonProgress as lp')
		.innerJoin('lesson as l', 'l.id', 'lp.lessonId')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.innerJoin('course as k', 'k.id', 'l.courseId')
		.select(['l.slug', 'v.title', 'k.code as courseCode', 'k.title as courseTitle', 'lp.completedAt', 'lp.lastSeenAt'])
		.where('lp.personId', '=', personId)
		.orderBy('lp.lastSeenAt', 'desc')
		.limit(1);
}

/**
 * The published lesson a learner was last credited on (lesson_progress.last_seen_at), with its
 * course. lesson_progress keeps no position within the lesson, so this names the lesson only.
 */
export function lastStudiedLesson(db: Db, personId: number) {
	return lastStudiedLessonQuery(db, personId).executeTakeFirst();
}
