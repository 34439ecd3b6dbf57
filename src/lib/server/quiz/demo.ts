import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PaperRule } from './tables';
import { checkRules } from './draw';
import { questionPool } from './pool';
import { createExam } from './exams';

export const DEMO_EXAM_TITLE = '结业考试';

/** 45 questions, 100 points: what tests/exam.spec.ts expects of the demo cohort's exam. */
export const demoRules: PaperRule[] = [
	{ type: 'single', count: 20, points: 2 },
	{ type: 'multiple', count: 10, points: 3 },
	{ type: 'true_false', count: 10, points: 2 },
	{ type: 'fill_blank', count: 5, points: 2 }
];

/**
 * The demo cohort's final exam, open from yesterday for 60 days: 60 minutes, one attempt,
 * score shown on submit, answers after the exam closes. Needs the cohort's course bank
 * (syncContentQuestions) first. Does nothing if the cohort already has an exam.
 */
export async function seedDemoExam(db: Kysely<Database>, cohortId: number, actorId: number | null = null) {
	const cohort = await db.selectFrom('cohort').select(['id', 'courseId']).where('id', '=', cohortId).executeTakeFirstOrThrow();
	const existing = await db.selectFrom('exam').select('id').where('cohortId', '=', cohortId).executeTakeFirst();
	if (existing) return existing.id;
	const problems = checkRules(await questionPool(db, cohort.courseId), demoRules);
	if (problems.length) throw new Error(`演示考试无法组卷：${problems.join('；')}`);
	const day = 24 * 3600_000;
	const today = new Date(Math.floor(Date.now() / day) * day);
	return createExam(db, actorId, cohortId, {
		title: DEMO_EXAM_TITLE,
		opensAt: new Date(today.getTime() - day),
		closesAt: new Date(today.getTime() + 60 * day),
		timeLimitMinutes: 60,
		attemptsAllowed: 1,
		passMark: 60,
		gradingMethod: 'highest',
		multipleScoring: 'partial',
		shuffleQuestions: true,
		shuffleOptions: true,
		scoreVisibility: 'after_submit',
		reviewVisibility: 'after_close',
		// Open to every enrolled learner, as the e2e exam flow signs in with one who has barely studied.
		requireLessons: false,
		minHours: null,
		rules: demoRules
	});
}
