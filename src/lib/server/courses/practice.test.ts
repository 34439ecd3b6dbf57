import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { contentCourses } from './content-source';
import { syncContentCourses } from './content-sync';
import { createCourse, createLesson } from './authoring';
import { publishLesson } from './versions';
import { lessonPage } from './catalog';
import { contentBanks, syncContentQuestions } from '../quiz/content-sync';
import { seedDemoExam } from '../quiz/demo';
import { questionPool } from '../quiz/pool';
import { startAttempt, submitAttempt } from '../quiz/attempts';
import type { PaperItem, PaperRule } from '../quiz/tables';
import { jsonb } from '../quiz/jsonb';
import { answerPractice, embeddedPracticeIds, openPractice, type PracticeRequest } from './practice';

// The attack: a signed-in learner asks the practice endpoint for every code in the
// bank, in every lesson, and answers each one to read its key. Only questions a published lesson
// embeds may answer, and never one an exam can draw.

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let examId: number;
let courseIds: Map<string, number>;
/** Every published lesson, as the attacker names them: course code and slug. */
let lessons: { course: string; slug: string; id: number }[];

const bankCodes = async () =>
	(await t.db.selectFrom('question').select('code').where('code', 'is not', null).orderBy('code').execute()).map((q) => q.code!);

async function drawableIds() {
	const ids = new Set<number>();
	for (const courseId of courseIds.values()) for (const q of await questionPool(t.db, courseId)) ids.add(q.id);
	return ids;
}

/**
 * Every code in the bank, answered (POST: what would hand out the key) in every published lesson
 * of its course, in the browser course that borrows one, and in a made-up lesson; GET must agree.
 */
async function attack(personId: number) {
	const served = new Map<string, unknown>();
	const refusals = new Set<number>();
	for (const id of await bankCodes()) {
		const prefix = id.split('-')[0] === 'act' ? 'ACT' : id.split('-')[0] === 'cand' ? 'CAND' : '';
		const tried = [...lessons.filter((l) => l.course === prefix || l.course === 'WEB'), { course: 'ACT', slug: 'no-such-lesson' }];
		expect(tried.length).toBeGreaterThan(2);
		for (const lesson of tried) {
			const r: PracticeRequest = { personId, course: lesson.course, lesson: lesson.slug, id };
			const answered = await answerPractice(t.db, r, { answer: 0 });
			if (answered.ok) {
				served.set(id, answered.result.answer);
				expect((await openPractice(t.db, r)).ok).toBe(true);
			} else {
				refusals.add(answered.status);
				// A refusal says why in Chinese and carries nothing of the question.
				expect(answered.message).toMatch(/[\u4e00-\u9fff]/);
				expect(Object.keys(answered).sort()).toEqual(['message', 'ok', 'status']);
				expect(await openPractice(t.db, r)).toEqual(answered);
			}
		}
	}
	return { served, refusals };
}

const embeddedInContent = () =>
	new Set(contentCourses().flatMap((c) => c.lessons.flatMap((l) => [...l.body.matchAll(/<Practice id="([^"]+)"/g)].map((m) => m[1]))));

const idOf = async (code: string) => (await t.db.selectFrom('question').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	await syncContentCourses(t.db, contentCourses());
	await syncContentQuestions(t.db, contentBanks());
	// A browser course whose published lesson names a question of another course's bank.
	const webId = await createCourse(t.db, s.users.instructor.id, { code: 'WEB', title: '浏览器课程', category: 'member_education', description: '', creditHours: 1, certificateValidityMonths: 12 });
	const webLesson = await createLesson(t.db, s.users.instructor.id, webId, { slug: 'borrowed', title: '借用题目', creditHours: 1, required: true });
	await publishLesson(t.db, s.users.instructor.id, webLesson, { title: '借用题目', creditHours: 1, required: true, body: '# 借用\n\n<Practice id="act-002" />\n' });
	// A lesson never published, whose draft embeds a question.
	const draft = await createLesson(t.db, s.users.instructor.id, webId, { slug: 'draft', title: '草稿课时', creditHours: 1, required: true });
	await t.db.updateTable('lesson').set({ draftBody: '<Practice id="act-003" />\n' }).where('id', '=', draft).execute();

	const courses = await t.db.selectFrom('course').select(['id', 'code']).execute();
	courseIds = new Map(courses.map((c) => [c.code, c.id]));
	lessons = await t.db
		.selectFrom('lesson as l')
		.innerJoin('course as c', 'c.id', 'l.courseId')
		.select(['c.code as course', 'l.slug', 'l.id'])
		.where('l.publishedVersionId', 'is not', null)
		.execute();
	const { id: cohortId } = await t.db
		.insertInto('cohort')
		.values({ courseId: courseIds.get('ACT')!, name: '第45期', orgUnitId: s.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const learners = Object.values(s.learners);
	await t.db.insertInto('enrollment').values(learners.map((p) => ({ cohortId, personId: p.id }))).execute();
	examId = await seedDemoExam(t.db, cohortId);
});
afterAll(() => t.close());

describe('practice questions', () => {
	it('answer only for questions a published lesson of their own course embeds, never for one an exam can draw', async () => {
		expect((await bankCodes()).length).toBeGreaterThanOrEqual(121);
		const { served, refusals } = await attack(s.learners.a1.id);
		const drawable = await drawableIds();
		const leaked = [];
		for (const code of served.keys()) if (drawable.has(await idOf(code))) leaked.push(code);
		expect(leaked).toEqual([]);
		// What still works: exactly the practice the content/ lessons embed (an enrolled learner's demo).
		expect([...served.keys()].sort()).toEqual([...embeddedInContent()].sort());
		// A lesson of another course (WEB → act-002) and a draft (act-003) give nothing.
		expect(served.has('act-002')).toBe(false);
		expect(served.has('act-003')).toBe(false);
		expect(refusals).toEqual(new Set([404]));
	}, 90_000);

	it('the lesson page itself carries no key: a practice question is an empty placeholder naming its id', async () => {
		for (const l of lessons) {
			const page = (await lessonPage(t.db, l.course, l.slug, s.learners.a1.id))!;
			expect(Object.keys(page).sort()).toEqual(['code', 'courseTitle', 'creditHours', 'html', 'id', 'lessons', 'required', 'slug', 'title', 'version']);
			const blocks = page.html.match(/<div class="lx-practice"[\s\S]*?<\/div>/g) ?? [];
			for (const b of blocks) expect(b).toMatch(/^<div class="lx-practice" data-question-id="[A-Za-z0-9_-]+"><p class="lx-practice-placeholder">练习题（开启 JavaScript 后可作答）<\/p><\/div>$/);
			expect(blocks.length).toBe(embeddedPracticeIds(page.html).size);
		}
	});

	it('keeps exam papers and practice apart: papers drawn for every learner hold no practice question', async () => {
		const practice = new Set<number>();
		for (const code of embeddedInContent()) practice.add(await idOf(code));
		expect(practice.size).toBeGreaterThan(20);
		for (const learner of [s.learners.a2, s.learners.a3, s.learners.pg1, s.learners.m1]) {
			const { attemptId } = await startAttempt(t.db, examId, learner.id);
			const { paper } = await t.db.selectFrom('examAttempt').select('paper').where('id', '=', attemptId).executeTakeFirstOrThrow();
			expect(paper as PaperItem[]).toHaveLength(45);
			expect((paper as PaperItem[]).filter((i) => practice.has(i.q))).toEqual([]);
			await submitAttempt(t.db, attemptId, learner.id);
		}
	});

	it('gives nothing while the learner has an exam attempt running, and again after the submit', async () => {
		const r: PracticeRequest = { personId: s.learners.a1.id, course: 'ACT', lesson: 'nature-and-aims', id: 'act-001' };
		expect((await openPractice(t.db, r)).ok).toBe(true);
		const { attemptId } = await startAttempt(t.db, examId, s.learners.a1.id);
		const open = await openPractice(t.db, r);
		const answered = await answerPractice(t.db, r, { answer: 0 });
		expect(open).toEqual({ ok: false, status: 409, message: expect.stringContaining('考试') });
		expect(answered).toEqual({ ok: false, status: 409, message: expect.stringContaining('考试') });
		for (const id of embeddedInContent()) {
			const lesson = lessons.find((l) => l.course === (id.startsWith('act-') ? 'ACT' : 'CAND'))!;
			for (const slug of lessons.filter((l) => l.course === lesson.course).map((l) => l.slug))
				expect(await answerPractice(t.db, { ...r, lesson: slug, id }, { answer: 0 })).toMatchObject({ ok: false });
		}
		await submitAttempt(t.db, attemptId, s.learners.a1.id);
		expect((await answerPractice(t.db, r, { answer: 0 })).ok).toBe(true);
	});

	it('withholds a question that sits on a running paper, even one drawn before a lesson embedded it', async () => {
		const act001 = await idOf('act-001');
		const { id: otherExam } = await t.db
			.insertInto('exam')
			.values({ cohortId: (await t.db.selectFrom('exam').select('cohortId').where('id', '=', examId).executeTakeFirstOrThrow()).cohortId, title: '补考', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 3600_000), timeLimitMinutes: 30, rules: jsonb<PaperRule[]>([]) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: attemptId } = await t.db
			.insertInto('examAttempt')
			.values({ examId: otherExam, personId: s.learners.m2.id, attemptNo: 1, seed: 1, paper: jsonb<PaperItem[]>([{ q: act001, p: 2, o: null }]), maxPoints: 2, deadlineAt: new Date(Date.now() + 1800_000) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const r: PracticeRequest = { personId: s.learners.a1.id, course: 'ACT', lesson: 'nature-and-aims', id: 'act-001' };
		expect(await answerPractice(t.db, r, { answer: 0 })).toMatchObject({ ok: false, status: 409 });
		await submitAttempt(t.db, attemptId, s.learners.m2.id);
		expect((await answerPractice(t.db, r, { answer: 0 })).ok).toBe(true);
	});

	it('refuses bad input in Chinese without the key, and an unknown id with 404', async () => {
		const r: PracticeRequest = { personId: s.learners.a1.id, course: 'ACT', lesson: 'nature-and-aims', id: 'act-001' };
		const tooLong = { answer: '长'.repeat(5000) };
		const unsafe = { answer: 99999999999999999999 };
		const overflow = { answer: Infinity }; // what JSON.parse makes of 1e309
		const badChoice = { answer: [0, 1.5] };
		for (const body of [null, 5, 'x', [], {}, { answer: null }, { answer: { a: 1 } }, tooLong, unsafe, overflow, badChoice, { answer: '党\u0000校' }]) {
			expect(await answerPractice(t.db, r, body)).toEqual({ ok: false, status: 400, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
		}
		for (const id of ['act-999', '', '../x', 'act-001"'])
			expect(await openPractice(t.db, { ...r, id })).toEqual({ ok: false, status: 404, message: '未找到该练习题' });
	});

	it('an unpublished lesson offers nothing, and its question goes back to the exam pool', async () => {
		const lesson = lessons.find((l) => l.course === 'ACT' && l.slug === 'nature-and-aims')!;
		const r: PracticeRequest = { personId: s.learners.a1.id, course: 'ACT', lesson: lesson.slug, id: 'act-001' };
		expect((await openPractice(t.db, r)).ok).toBe(true);
		expect(await drawableIds()).not.toContain(await idOf('act-001'));
		// What the content sync does to a lesson taken out of content/ (content courses cannot be unpublished by hand).
		await t.db.updateTable('lesson').set({ publishedVersionId: null }).where('id', '=', lesson.id).execute();
		expect(await openPractice(t.db, r)).toEqual({ ok: false, status: 404, message: '未找到该练习题' });
		expect(await answerPractice(t.db, r, { answer: 0 })).toEqual({ ok: false, status: 404, message: '未找到该练习题' });
		expect(await drawableIds()).toContain(await idOf('act-001'));
	});
});
