import { fieldErrors as formFieldErrors } from '$lib/validation/form';
import { z } from 'zod';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CourseCategory, Database } from '../db/schema';
import { courseCategories } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { containsPattern } from '../auth/scope';
import { hasUnreadableCharacters } from '$lib/validation/fields';
import type { Db } from '$lib/server/db';
import { shanghaiDateTime } from '$lib/time/shanghai';
import { SLUG_MAX, SLUG_PATTERN, slugFromTitle } from '$lib/courses/slug';

// Courses and lessons written in the browser (/teach). content/ courses are synced from
// files and are read-only here: every write checks the course's source.

const num = (message: string) => z.coerce.number({ error: message });
// PostgreSQL refuses NUL in text: say so at the form instead of failing at the database.
const readable = (label: string) => [(v: string) => !hasUnreadableCharacters(v), `${label}含有无法识别的字符（可能是复制时带入的控制字符或编码错误），请删除后重新输入`] as const;

export const courseInput = z.object({
	code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,19}$/, '课程代码应为 2–20 位大写字母、数字或短横线，以字母开头'),
	title: z.string().trim().min(2, '课程名称至少 2 个字').max(60, '课程名称不超过 60 个字').refine(...readable('课程名称')),
	category: z.enum(courseCategories, { error: '请选择课程类别' }),
	description: z.string().trim().max(500, '简介不超过 500 字').refine(...readable('简介')).default(''),
	creditHours: num('学时应为数字').min(0, '学时不能为负数').max(200, '学时不能超过 200'),
	certificateValidityMonths: num('有效期应为整数').int('有效期应为整数（月）').min(1, '有效期至少 1 个月').max(120, '有效期不超过 120 个月')
});
export type CourseInput = z.infer<typeof courseInput>;

export const lessonSettings = z.object({
	title: z.string().trim().min(2, '课时标题至少 2 个字').max(80, '课时标题不超过 80 个字').refine(...readable('课时标题')),
	creditHours: num('学时应为数字').positive('学时应大于 0').max(20, '单个课时不能超过 20 学时'),
	// a checkbox: present means 必修
	required: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean())
});
export const newLessonInput = lessonSettings.extend({
	// Empty: createLesson derives it from the title (the editor's page does so as the title is typed).
	slug: z
		.string()
		.trim()
		.max(SLUG_MAX, `英文短名不超过 ${SLUG_MAX} 个字符`)
		.refine((v) => v === '' || SLUG_PATTERN.test(v), '英文短名只能用小写字母、数字和短横线，如 party-history')
		.default('')
});
export const draftInput = lessonSettings.extend({ body: z.string().max(200_000, '正文不能超过 20 万字').refine(...readable('正文')) });
export type DraftInput = z.infer<typeof draftInput>;

/** The first message per field, for fail(400, { errors }); whole-form issues under ''. */
export const fieldErrors = (error: z.ZodError) => formFieldErrors(error, '');

export class AuthoringError extends Error {}

/** The course, if it may be edited in the browser; throws a message for the form otherwise. */
export async function editableCourse(db: Db, courseId: number) {
	const course = await db.selectFrom('course').selectAll().where('id', '=', courseId).executeTakeFirst();
	if (!course) throw new AuthoringError('未找到该课程');
	if (course.source !== 'browser') throw new AuthoringError('该课程由 content/ 目录维护，不能在浏览器中修改');
	return course;
}

export interface CourseListQuery {
	q?: string;
	source?: 'content' | 'browser';
	category?: CourseCategory;
	/** the courses the user may author, on `co` (courses/access.ts coursesInScope) */
	scope: Expression<SqlBool>;
	page: number;
	pageSize: number;
}

export async function listCourses(db: Kysely<Database>, query: CourseListQuery) {
	let base = db.selectFrom('course as c').leftJoin('orgUnit as co', 'co.id', 'c.orgUnitId').where(query.scope);
	if (query.q) {
		const like = containsPattern(query.q);
		base = base.where((eb) => eb.or([eb('c.title', 'like', like), eb('c.code', 'like', like.toUpperCase())]));
	}
	if (query.source) base = base.where('c.source', '=', query.source);
	if (query.category) base = base.where('c.category', '=', query.category);
	const [rows, count] = await Promise.all([
		base
			.select((eb) => [
				'c.id', 'c.code', 'c.title', 'c.category', 'c.source', 'c.creditHours', 'c.updatedAt',
				eb.selectFrom('lesson as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.courseId', '=', 'c.id').as('lessons'),
				eb.selectFrom('lesson as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.courseId', '=', 'c.id').where('l.publishedVersionId', 'is not', null).as('published')
			])
			.orderBy('c.source', 'desc')
			.orderBy('c.code')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows: rows.map((r) => ({ ...r, lessons: Number(r.lessons), published: Number(r.published) })), total: Number(count.n) };
}

/** A course with its lessons and each lesson's state: published version, schedule, unpublished changes. */
export async function courseWithLessons(db: Kysely<Database>, courseId: number) {
	const course = await db.selectFrom('course').selectAll().where('id', '=', courseId).executeTakeFirst();
	if (!course) return undefined;
	const lessons = await db
		.selectFrom('lesson as l')
		.leftJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select([
			'l.id', 'l.slug', 'l.sortOrder', 'l.title', 'l.creditHours', 'l.required', 'l.publishAt', 'l.draftUpdatedAt',
			'v.version as publishedVersion', 'v.publishedAt',
			sql<boolean>`v.id is not null and (v.body <> l.draft_body or v.title <> l.title or v.credit_hours <> l.credit_hours or v.required <> l.required)`.as('changed')
		])
		.where('l.courseId', '=', courseId)
		.orderBy('l.sortOrder')
		.orderBy('l.id')
		.execute();
	return { course, lessons };
}

export function createCourse(db: Kysely<Database>, actorId: number, input: CourseInput, orgUnitId: number | null = null) {
	return transact(db, async (trx) => {
		const taken = await trx.selectFrom('course').select('id').where('code', '=', input.code).executeTakeFirst();
		if (taken) throw new AuthoringError(`课程代码 ${input.code} 已被使用`);
		const { id } = await trx.insertInto('course').values({ ...input, orgUnitId, source: 'browser', createdBy: actorId }).returning('id').executeTakeFirstOrThrow();
		await appendAudit(trx, { actorId, action: 'course.create', entityType: 'course', entityId: id, after: input });
		return id;
	});
}

export function updateCourse(db: Kysely<Database>, actorId: number, courseId: number, input: Omit<CourseInput, 'code'>) {
	return transact(db, async (trx) => {
		const before = await editableCourse(trx, courseId);
		await trx.updateTable('course').set({ ...input, updatedAt: new Date() }).where('id', '=', courseId).execute();
		const { title, category, description, creditHours, certificateValidityMonths } = before;
		await appendAudit(trx, {
			actorId, action: 'course.update', entityType: 'course', entityId: courseId,
			before: { title, category, description, creditHours, certificateValidityMonths }, after: input
		});
	});
}

export function createLesson(db: Kysely<Database>, actorId: number, courseId: number, input: z.infer<typeof newLessonInput>) {
	return transact(db, async (trx) => {
		await editableCourse(trx, courseId);
		const slugs = (await trx.selectFrom('lesson').select('slug').where('courseId', '=', courseId).execute()).map((l) => l.slug);
		// A short name the instructor chose is theirs to change; a derived one steps around the others.
		if (slugs.includes(input.slug)) throw new AuthoringError(`本课程已有英文短名为 ${input.slug} 的课时`);
		input = { ...input, slug: input.slug || slugFromTitle(input.title, slugs) };
		const last = await trx.selectFrom('lesson').select((eb) => eb.fn.max('sortOrder').as('n')).where('courseId', '=', courseId).executeTakeFirst();
		const { id } = await trx
			.insertInto('lesson')
			.values({ courseId, ...input, sortOrder: Number(last?.n ?? 0) + 1, draftUpdatedAt: new Date(), draftUpdatedBy: actorId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, { actorId, action: 'lesson.create', entityType: 'lesson', entityId: id, after: { courseId, ...input } });
		return id;
	});
}

/** Swaps a lesson with its neighbour. The order is live at once: it is not part of a version. */
export function moveLesson(db: Kysely<Database>, actorId: number, lessonId: number, direction: 'up' | 'down') {
	return transact(db, async (trx) => {
		const lesson = await trx.selectFrom('lesson').select(['id', 'courseId', 'sortOrder']).where('id', '=', lessonId).executeTakeFirst();
		if (!lesson) throw new AuthoringError('未找到该课时');
		await editableCourse(trx, lesson.courseId);
		const siblings = await trx.selectFrom('lesson').select(['id', 'sortOrder']).where('courseId', '=', lesson.courseId).orderBy('sortOrder').orderBy('id').forUpdate().execute();
		const at = siblings.findIndex((s) => s.id === lessonId);
		const other = at + (direction === 'up' ? -1 : 1);
		if (other < 0 || other >= siblings.length) return;
		[siblings[at], siblings[other]] = [siblings[other], siblings[at]];
		// Renumber 1..n so that equal sort orders from older data cannot stall a move.
		for (const [i, s] of siblings.entries()) {
			if (s.sortOrder !== i + 1) await trx.updateTable('lesson').set({ sortOrder: i + 1 }).where('id', '=', s.id).execute();
		}
		await appendAudit(trx, { actorId, action: 'lesson.reorder', entityType: 'course', entityId: lesson.courseId, after: { order: siblings.map((s) => s.id) } });
	});
}

/** Where an editor page started from: the draft revision it last saw, and its own id (one per page load). */
export const draftBase = z.object({
	revision: z.string().regex(/^\d{1,9}$/).transform(Number),
	editor: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
});
export type DraftBase = z.infer<typeof draftBase>;
export const staleFormMessage = '页面已过期，请刷新页面后再保存（刷新前请先复制您的修改）';

/** The draft moved on since the editor loaded it: someone else's save would be overwritten. */
export class StaleDraftError extends AuthoringError {
	constructor(readonly current: { revision: number; by: string; at: string | null }) {
		const when = current.at ? `于 ${shanghaiDateTime(current.at)} ` : '';
		super(`这份草稿在您打开之后已由${current.by}${when}保存过（可能是另一个标签页或另一位教师），为免覆盖对方的修改，本次没有保存。请先复制您的修改，刷新页面查看最新草稿；或选择用您的内容覆盖。`);
	}
}

/**
 * Saves the draft (the editor's autosave every few seconds, and its 保存草稿 button). Not audited:
 * a draft is invisible to learners, the lesson row keeps who saved it last and when, and every
 * publication keeps its full text as a version. With `base`, refuses (StaleDraftError) when the
 * draft has been written since that revision by anyone but the same editor page — that page's
 * own earlier save whose answer was lost is not a conflict.
 */
export async function saveDraft(db: Db, actorId: number, lessonId: number, draft: DraftInput, base?: DraftBase) {
	const lesson = await db.selectFrom('lesson').select('courseId').where('id', '=', lessonId).executeTakeFirst();
	if (!lesson) throw new AuthoringError('未找到该课时');
	await editableCourse(db, lesson.courseId);
	let update = db
		.updateTable('lesson')
		.set({
			title: draft.title, creditHours: draft.creditHours, required: draft.required, draftBody: draft.body,
			draftUpdatedAt: new Date(), draftUpdatedBy: actorId, draftRevision: sql`draft_revision + 1`, draftEditor: base?.editor ?? null
		})
		.where('id', '=', lessonId);
	// One statement: the check and the write cannot be split by another save.
	if (base) update = update.where((eb) => eb.or([eb('draftRevision', '=', base.revision), eb('draftEditor', '=', base.editor)]));
	const saved = await update.returning(['draftRevision', 'draftUpdatedAt']).executeTakeFirst();
	if (saved) return { revision: saved.draftRevision, savedAt: saved.draftUpdatedAt };
	const now = await db
		.selectFrom('lesson as l')
		.leftJoin('person as p', 'p.id', 'l.draftUpdatedBy')
		.select(['l.draftRevision', 'l.draftUpdatedAt', 'l.draftUpdatedBy', 'p.name'])
		.where('l.id', '=', lessonId)
		.executeTakeFirstOrThrow();
	const at = now.draftUpdatedAt === null ? null : new Date(now.draftUpdatedAt).toISOString();
	const by = now.draftUpdatedBy === actorId ? '您在另一个页面' : (now.name ?? '他人');
	throw new StaleDraftError({ revision: now.draftRevision, by, at });
}

/** The lesson being edited, with its course. */
export function lessonForEditing(db: Kysely<Database>, lessonId: number) {
	return db
		.selectFrom('lesson as l')
		.innerJoin('course as c', 'c.id', 'l.courseId')
		.leftJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.leftJoin('person as p', 'p.id', 'l.draftUpdatedBy')
		.select([
			'l.id', 'l.courseId', 'l.slug', 'l.title', 'l.creditHours', 'l.required', 'l.draftBody', 'l.draftUpdatedAt', 'l.draftRevision', 'l.publishAt',
			'l.publishedVersionId', 'v.version as publishedVersion', 'p.name as draftUpdatedByName',
			'c.code as courseCode', 'c.title as courseTitle', 'c.source'
		])
		.where('l.id', '=', lessonId)
		.executeTakeFirst();
}
