import { error } from '@sveltejs/kit';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import type { QuestionType } from './tables';
import type { QuestionInput } from './question-schema';
import { regradeQuestions } from './grading';
import { jsonb } from './jsonb';
import { forgetPools } from './pool';
import { containsPattern } from '../auth/scope';
import type { Db } from '$lib/server/db';


/** Courses with the size of their bank: the bank's landing page. */
export function bankCourses(db: Db) {
	return db
		.selectFrom('course as k')
		.leftJoin('question as q', (j) => j.onRef('q.courseId', '=', 'k.id').on('q.archivedAt', 'is', null))
		.select((eb) => [
			'k.id',
			'k.code',
			'k.title',
			'k.source',
			eb.fn.count<number>('q.id').as('questions'),
			eb.fn.count<number>('q.id').filterWhere('q.type', '=', 'single').as('single'),
			eb.fn.count<number>('q.id').filterWhere('q.type', '=', 'multiple').as('multiple'),
			eb.fn.count<number>('q.id').filterWhere('q.type', '=', 'true_false').as('trueFalse'),
			eb.fn.count<number>('q.id').filterWhere('q.type', '=', 'fill_blank').as('fillBlank')
		])
		.groupBy('k.id')
		.orderBy('k.code')
		.execute();
}

export interface QuestionQuery {
	courseId: number;
	q?: string;
	type?: QuestionType;
	chapter?: number;
	archived?: boolean;
	page: number;
	pageSize: number;
}

export async function listQuestions(db: Db, query: QuestionQuery) {
	let base = db.selectFrom('question').where('courseId', '=', query.courseId);
	base = base.where('archivedAt', query.archived ? 'is not' : 'is', null);
	if (query.q) base = base.where((eb) => eb.or([eb('stem', 'like', containsPattern(query.q!)), eb('code', 'like', containsPattern(query.q!)), eb('tag', 'like', containsPattern(query.q!))]));
	if (query.type) base = base.where('type', '=', query.type);
	if (query.chapter) base = base.where('chapter', '=', query.chapter);
	const [rows, count] = await Promise.all([
		base
			.select(['id', 'code', 'source', 'type', 'chapter', 'tag', 'difficulty', 'stem', 'updatedAt'])
			.orderBy(sql`chapter nulls last`)
			.orderBy('code')
			.orderBy('id')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

export function getQuestion(db: Db, id: number) {
	return db
		.selectFrom('question as q')
		.innerJoin('course as k', 'k.id', 'q.courseId')
		.selectAll('q')
		.select(['k.code as courseCode', 'k.title as courseTitle'])
		.select((eb) =>
			eb
				.selectFrom('examAnswer as e')
				.innerJoin('examAttempt as a', 'a.id', 'e.attemptId')
				.select((sb) => sb.fn.count<number>('e.attemptId').as('n'))
				.whereRef('e.questionId', '=', 'q.id')
				.as('answered')
		)
		.where('q.id', '=', id)
		.executeTakeFirst();
}

/** Whether any attempt's paper holds the question: then its options cannot be added or removed. */
export async function onAnyPaper(db: Db | Transaction<Database>, questionId: number) {
	const row = await db
		.selectFrom('examAttempt')
		.select('id')
		.where(sql<boolean>`paper @> ${sql.val([{ q: questionId }])}::jsonb`)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

export async function createQuestion(db: Db, actorId: number, courseId: number, input: QuestionInput) {
	return transact(db, async (trx) => {
		const row = await trx
			.insertInto('question')
			.values({ ...input, answer: jsonb(input.answer), courseId, source: 'browser', createdBy: actorId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, { actorId, action: 'question.create', entityType: 'question', entityId: row.id, after: input });
		return row.id;
	}).finally(() => forgetPools(db));
}

const keyOf = (q: { type: string; answer: unknown }) => JSON.stringify([q.type, q.answer]);

export type UpdateResult = { ok: true; regraded: { attempts: number; changed: number } | null } | { ok: false; message: string };

/**
 * Saves an edit. A changed key regrades every submitted attempt that answered the question,
 * in the same transaction, and says how many scores changed.
 */
export async function updateQuestion(db: Db, actorId: number, id: number, input: QuestionInput): Promise<UpdateResult> {
	return transact(db, async (trx) => {
		const before = await trx.selectFrom('question').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
		if (!before) return { ok: false, message: '未找到该题目' };
		if (before.source === 'content') return { ok: false, message: '该题目来自课程内容文件（content/），请在文件中修改' };
		if ((before.type !== input.type || before.options.length !== input.options.length) && (await onAnyPaper(trx, id))) {
			return { ok: false, message: '该题目已出现在学员的试卷中：可以修改文字和答案，但不能更改题型或增删选项' };
		}
		const keyChanged = keyOf(before) !== keyOf(input);
		await trx
			.updateTable('question')
			.set({ ...input, answer: jsonb(input.answer), updatedAt: new Date(), keyVersion: keyChanged ? before.keyVersion + 1 : before.keyVersion })
			.where('id', '=', id)
			.execute();
		const regraded = keyChanged ? await regradeQuestions(trx, [id]) : null;
		await appendAudit(trx, {
			actorId,
			action: 'question.update',
			entityType: 'question',
			entityId: id,
			before: { type: before.type, stem: before.stem, options: before.options, answer: before.answer, explanation: before.explanation },
			after: { ...input, regraded }
		});
		return { ok: true, regraded };
	}).finally(() => forgetPools(db)) as Promise<UpdateResult>;
}

/** Archived questions leave new papers but keep grading the attempts that drew them. */
export async function setArchived(db: Db, actorId: number, id: number, archived: boolean) {
	return transact(db, async (trx) => {
		const row = await trx
			.updateTable('question')
			.set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
			.where('id', '=', id)
			.where('source', '=', 'browser')
			.returning('id')
			.executeTakeFirst();
		if (row) await appendAudit(trx, { actorId, action: archived ? 'question.archive' : 'question.restore', entityType: 'question', entityId: id });
		return !!row;
	}).finally(() => forgetPools(db));
}

/** Active questions per type and chapter: what exam rules can draw on. */
export async function bankBreakdown(db: Db, courseId: number) {
	const rows = await db
		.selectFrom('question')
		.select((eb) => ['type', 'chapter', eb.fn.countAll<number>().as('n')])
		.where('courseId', '=', courseId)
		.where('archivedAt', 'is', null)
		.groupBy(['type', 'chapter'])
		.execute();
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The course in a /bank URL, or 404. */
export async function bankCourse(db: Db, param: string) {
	const course = await db.selectFrom('course').select(['id', 'code', 'title', 'source']).where('id', '=', Number(param) || 0).executeTakeFirst();
	if (!course) error(404, '未找到该课程');
	return course;
}
