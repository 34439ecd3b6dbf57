import { sql, type Kysely, type Transaction } from 'kysely';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { AuthoringError, type DraftInput } from './authoring';
import { lessonMarkdownProblems, renderLessonMarkdown } from './markdown';

// Publishing: every publication is a new lesson_version (kept for good), and the lesson
// points at the one learners see. Each change locks the lesson row first, so two
// instructors publishing at once get versions n and n+1, never two n's.

type Trx = Transaction<Database>;

export const contentHash = (body: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(body)));

/** The same rules as content/: what would show as stray text (or not survive an export) is not published. */
function assertPublishable(body: string) {
	if (!body.trim()) throw new AuthoringError('正文为空，不能发布');
	const problems = lessonMarkdownProblems(body);
	if (problems.length) throw new AuthoringError(`正文有 ${problems.length} 处问题，请修正后再发布：${problems.join('；')}`);
}

/** The lesson row, locked until the transaction ends; only browser courses may change. */
async function lockLesson(trx: Trx, lessonId: number) {
	const lesson = await trx.selectFrom('lesson').selectAll().where('id', '=', lessonId).forUpdate().executeTakeFirst();
	if (!lesson) throw new AuthoringError('未找到该课时');
	const course = await trx.selectFrom('course').select('source').where('id', '=', lesson.courseId).executeTakeFirstOrThrow();
	if (course.source !== 'browser') throw new AuthoringError('该课程由 content/ 目录维护，不能在浏览器中发布或修改');
	return lesson;
}

async function applyDraft(trx: Trx, lessonId: number, actorId: number | null, draft: DraftInput) {
	await trx
		.updateTable('lesson')
		.set({
			title: draft.title, creditHours: draft.creditHours, required: draft.required, draftBody: draft.body, draftUpdatedAt: new Date(), draftUpdatedBy: actorId,
			// A new revision that no editor page wrote: every open editor must reload before saving over it.
			draftRevision: sql`draft_revision + 1`, draftEditor: null
		})
		.where('id', '=', lessonId)
		.execute();
}

export interface Published {
	versionId: number;
	version: number;
	/** false when the draft equalled the version already published: nothing new was written. */
	created: boolean;
}

export interface PublishOptions {
	action?: 'lesson.publish' | 'lesson.restore';
	audit?: boolean;
	detail?: Record<string, unknown>;
}

/** Publishes the (locked) lesson's draft as its next version. */
export async function publishLocked(trx: Trx, lessonId: number, actorId: number | null, options: PublishOptions = {}): Promise<Published> {
	const lesson = await trx.selectFrom('lesson').selectAll().where('id', '=', lessonId).executeTakeFirstOrThrow();
	assertPublishable(lesson.draftBody);
	const hash = contentHash(lesson.draftBody);
	const current = lesson.publishedVersionId
		? await trx.selectFrom('lessonVersion').selectAll().where('id', '=', lesson.publishedVersionId).executeTakeFirst()
		: undefined;
	if (current && current.contentHash === hash && current.title === lesson.title && current.creditHours === lesson.creditHours && current.required === lesson.required) {
		await trx.updateTable('lesson').set({ publishAt: null }).where('id', '=', lessonId).execute();
		return { versionId: current.id, version: current.version, created: false };
	}
	const last = await trx.selectFrom('lessonVersion').select((eb) => eb.fn.max('version').as('n')).where('lessonId', '=', lessonId).executeTakeFirst();
	const version = Number(last?.n ?? 0) + 1;
	const { id: versionId } = await trx
		.insertInto('lessonVersion')
		.values({
			lessonId, version, title: lesson.title, creditHours: lesson.creditHours, required: lesson.required,
			body: lesson.draftBody, html: renderLessonMarkdown(lesson.draftBody), contentHash: hash, publishedBy: actorId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx.updateTable('lesson').set({ publishedVersionId: versionId, publishAt: null }).where('id', '=', lessonId).execute();
	if (options.audit !== false) {
		await appendAudit(trx, {
			actorId, action: options.action ?? 'lesson.publish', entityType: 'lesson', entityId: lessonId,
			before: current ? { version: current.version } : null,
			after: { version, title: lesson.title, creditHours: lesson.creditHours, required: lesson.required, contentHash: hash, ...options.detail }
		});
	}
	return { versionId, version, created: true };
}

/** Publishes the draft (saving `draft` first, when given) as the next version. */
export function publishLesson(db: Kysely<Database>, actorId: number, lessonId: number, draft?: DraftInput) {
	return transact(db, async (trx) => {
		await lockLesson(trx, lessonId);
		if (draft) await applyDraft(trx, lessonId, actorId, draft);
		return publishLocked(trx, lessonId, actorId);
	});
}

/** Copies an earlier version into the draft and publishes it as a new version. */
export function restoreVersion(db: Kysely<Database>, actorId: number, lessonId: number, versionId: number) {
	return transact(db, async (trx) => {
		await lockLesson(trx, lessonId);
		const from = await trx.selectFrom('lessonVersion').selectAll().where('id', '=', versionId).where('lessonId', '=', lessonId).executeTakeFirst();
		if (!from) throw new AuthoringError('未找到该版本');
		await applyDraft(trx, lessonId, actorId, { title: from.title, creditHours: from.creditHours, required: from.required, body: from.body });
		return publishLocked(trx, lessonId, actorId, { action: 'lesson.restore', detail: { restoredFrom: from.version } });
	});
}

/** Learners stop seeing the lesson; its versions stay, and a pending schedule is dropped. */
export function unpublishLesson(db: Kysely<Database>, actorId: number, lessonId: number) {
	return transact(db, async (trx) => {
		const lesson = await lockLesson(trx, lessonId);
		if (lesson.publishedVersionId === null && lesson.publishAt === null) return false;
		const current = lesson.publishedVersionId
			? await trx.selectFrom('lessonVersion').select('version').where('id', '=', lesson.publishedVersionId).executeTakeFirst()
			: undefined;
		await trx.updateTable('lesson').set({ publishedVersionId: null, publishAt: null }).where('id', '=', lessonId).execute();
		await appendAudit(trx, { actorId, action: 'lesson.unpublish', entityType: 'lesson', entityId: lessonId, before: { version: current?.version ?? null, publishAt: lesson.publishAt } });
		return true;
	});
}

/** At `at`, publishDue publishes whatever the draft is then (saving `draft` now, when given). */
export async function scheduleLesson(db: Kysely<Database>, actorId: number, lessonId: number, at: Date, draft?: DraftInput) {
	if (!(at.getTime() > Date.now())) throw new AuthoringError('定时发布的时间须晚于现在');
	return transact(db, async (trx) => {
		const lesson = await lockLesson(trx, lessonId);
		if (draft) await applyDraft(trx, lessonId, actorId, draft);
		assertPublishable(draft?.body ?? lesson.draftBody);
		await trx.updateTable('lesson').set({ publishAt: at }).where('id', '=', lessonId).execute();
		await appendAudit(trx, { actorId, action: 'lesson.schedule', entityType: 'lesson', entityId: lessonId, after: { publishAt: at.toISOString() } });
	});
}

export function cancelSchedule(db: Kysely<Database>, actorId: number, lessonId: number) {
	return transact(db, async (trx) => {
		const lesson = await lockLesson(trx, lessonId);
		if (!lesson.publishAt) return;
		await trx.updateTable('lesson').set({ publishAt: null }).where('id', '=', lessonId).execute();
		await appendAudit(trx, { actorId, action: 'lesson.unschedule', entityType: 'lesson', entityId: lessonId, before: { publishAt: new Date(lesson.publishAt).toISOString() } });
	});
}

/** Every version of a lesson, newest first, with who published it. */
export function listVersions(db: Kysely<Database>, lessonId: number) {
	return db
		.selectFrom('lessonVersion as v')
		.leftJoin('person as p', 'p.id', 'v.publishedBy')
		.select(['v.id', 'v.version', 'v.title', 'v.creditHours', 'v.required', 'v.contentHash', 'v.publishedAt', 'p.name as publishedByName'])
		.where('v.lessonId', '=', lessonId)
		.orderBy('v.version', 'desc')
		.execute();
}

export function getVersion(db: Kysely<Database>, lessonId: number, versionId: number) {
	return db.selectFrom('lessonVersion').selectAll().where('id', '=', versionId).where('lessonId', '=', lessonId).executeTakeFirst();
}
