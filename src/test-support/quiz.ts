import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import type { AnswerKey, PaperRule } from '$lib/server/quiz/tables';
import { jsonb } from '$lib/server/quiz/jsonb';
import type { ExamInput } from '$lib/server/quiz/exam-schema';
import { buildCourse, buildSchool } from './cohorts';

/**
 * A small bank for a course: per chapter 1–4, three single, two multiple, two true/false
 * and one fill-in question. Single keys are index 1, multiple [0, 2], true/false true,
 * fill-in '民主集中制' — easy to answer right or wrong in tests.
 */
export async function buildBank(db: Kysely<Database>, courseId: number) {
	const rows = [];
	for (let chapter = 1; chapter <= 4; chapter++) {
		for (let i = 0; i < 3; i++) rows.push({ type: 'single' as const, stem: `单选 ${chapter}-${i}`, options: ['甲', '乙', '丙', '丁'], answer: 1 });
		for (let i = 0; i < 2; i++) rows.push({ type: 'multiple' as const, stem: `多选 ${chapter}-${i}`, options: ['甲', '乙', '丙', '丁'], answer: [0, 2] });
		for (let i = 0; i < 2; i++) rows.push({ type: 'true_false' as const, stem: `判断 ${chapter}-${i}`, options: [], answer: true });
		rows.push({ type: 'fill_blank' as const, stem: `填空 ${chapter}：____`, options: [], answer: ['民主集中制'] });
		for (const r of rows.slice(-8)) Object.assign(r, { chapter });
	}
	return db
		.insertInto('question')
		.values(rows.map((r) => ({ ...r, answer: jsonb<AnswerKey>(r.answer), courseId, source: 'browser' as const, difficulty: 2, explanation: `解析：${r.stem}` })))
		.returning(['id', 'type', 'answer'])
		.execute();
}

export const testRules: PaperRule[] = [
	{ type: 'single', count: 6, points: 2, chapters: [1, 2, 3] },
	{ type: 'multiple', count: 2, points: 4 },
	{ type: 'true_false', count: 2, points: 2 },
	{ type: 'fill_blank', count: 1, points: 4 }
];

export function examValues(overrides: Partial<ExamInput> = {}): ExamInput {
	const now = Date.now();
	return {
		title: '结业考试',
		opensAt: new Date(now - 3600_000),
		closesAt: new Date(now + 3600_000),
		timeLimitMinutes: 30,
		attemptsAllowed: 1,
		passMark: 60,
		gradingMethod: 'highest',
		multipleScoring: 'all_or_nothing',
		shuffleQuestions: true,
		shuffleOptions: true,
		scoreVisibility: 'after_submit',
		reviewVisibility: 'after_submit',
		requireLessons: false,
		minHours: null,
		rules: testRules,
		...overrides
	};
}

/** A cohort of the course with five learners of `school` (a1–a3, m1, m2) enrolled: who the exam tests sit. */
export async function buildExamCohort(db: Kysely<Database>, school: { units: { school: { id: number } }; learners: Record<'a1' | 'a2' | 'a3' | 'm1' | 'm2', { id: number }> }, courseId: number) {
	const { id: cohortId } = await db
		.insertInto('cohort')
		.values({ courseId, name: '第45期', orgUnitId: school.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const { a1, a2, a3, m1, m2 } = school.learners;
	await db.insertInto('enrollment').values([a1, a2, a3, m1, m2].map((p) => ({ cohortId, personId: p.id }))).execute();
	return cohortId;
}

/** The school, a course with its bank and the exam cohort (a1–a3, m1, m2 enrolled): what most exam tests start from. */
export async function buildExamSchool(db: Kysely<Database>) {
	const s = await buildSchool(db);
	const { id: courseId } = await buildCourse(db);
	await buildBank(db, courseId);
	return { s, courseId, cohortId: await buildExamCohort(db, s, courseId) };
}
