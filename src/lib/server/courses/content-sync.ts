import { sql, type Kysely, type Transaction } from 'kysely';
import { render } from 'svelte/server';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { contentCourses, type ContentCourse } from './content-source';

const SYNC_LOCK = 7_320_002;
const hex = (bytes: Uint8Array) => encodeHexLowerCase(sha256(bytes));
const hashText = (s: string) => hex(new TextEncoder().encode(s));

async function storeFigures(trx: Transaction<Database>, courseId: number, course: ContentCourse) {
	const urls = new Map<string, string>();
	for (const figure of course.figures) {
		const digest = hex(figure.bytes);
		let row = await trx
			.selectFrom('storedFile')
			.select('id')
			.where('courseId', '=', courseId)
			.where('name', '=', figure.name)
			.where('sha256', '=', digest)
			.executeTakeFirst();
		row ??= await trx
			.insertInto('storedFile')
			.values({ name: figure.name, contentType: figure.contentType, size: figure.bytes.byteLength, sha256: digest, data: figure.bytes, courseId })
			.returning('id')
			.executeTakeFirstOrThrow();
		urls.set(`figures/${figure.name}`, `/files/${row.id}`);
	}
	return urls;
}

/**
 * Writes content/ courses into the database: a changed lesson becomes a new published
 * version, an unchanged one is left alone, a removed one is unpublished. Safe to run on
 * every start of every instance (serialised by an advisory lock, idempotent).
 */
export async function syncContentCourses(db: Kysely<Database>, courses = contentCourses()) {
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
		const changes: string[] = [];
		for (const course of courses) {
			const existing = await trx.selectFrom('course').select(['id', 'source']).where('code', '=', course.meta.code).executeTakeFirst();
			if (existing?.source === 'browser') {
				console.warn(`[content] 课程代码 ${course.meta.code} 已被浏览器创建的课程占用，跳过 content/courses/${course.folder}`);
				continue;
			}
			const values = {
				title: course.meta.title,
				category: course.meta.category,
				description: course.meta.description,
				creditHours: course.meta.creditHours,
				certificateValidityMonths: course.meta.certificateValidityMonths ?? 24
			};
			const courseId = existing
				? (await trx.updateTable('course').set({ ...values, updatedAt: new Date() }).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
				: (await trx.insertInto('course').values({ ...values, code: course.meta.code, source: 'content' }).returning('id').executeTakeFirstOrThrow()).id;
			const figureUrls = await storeFigures(trx, courseId, course);
			const seen: string[] = [];
			for (const lesson of course.lessons) {
				seen.push(lesson.slug);
				let html = render(lesson.component).body.replace(/<!--[\s\S]*?-->/g, '');
				for (const [rel, url] of figureUrls) html = html.replaceAll(`src="${rel}"`, `src="${url}"`);
				const contentHash = hashText(JSON.stringify([lesson.meta, html]));
				const lessonValues = { title: lesson.meta.title, sortOrder: lesson.meta.order, creditHours: lesson.meta.creditHours, required: lesson.meta.required, draftBody: lesson.body };
				const row = await trx
					.insertInto('lesson')
					.values({ courseId, slug: lesson.slug, ...lessonValues })
					.onConflict((oc) => oc.columns(['courseId', 'slug']).doUpdateSet(lessonValues))
					.returning(['id', 'publishedVersionId'])
					.executeTakeFirstOrThrow();
				const current = row.publishedVersionId
					? await trx.selectFrom('lessonVersion').select('contentHash').where('id', '=', row.publishedVersionId).executeTakeFirst()
					: undefined;
				if (current?.contentHash === contentHash) continue;
				const last = await trx.selectFrom('lessonVersion').select((eb) => eb.fn.max('version').as('v')).where('lessonId', '=', row.id).executeTakeFirst();
				const version = Number(last?.v ?? 0) + 1;
				const { id: versionId } = await trx
					.insertInto('lessonVersion')
					.values({ lessonId: row.id, version, title: lesson.meta.title, creditHours: lesson.meta.creditHours, required: lesson.meta.required, body: lesson.body, html, contentHash })
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx.updateTable('lesson').set({ publishedVersionId: versionId }).where('id', '=', row.id).execute();
				changes.push(`${course.meta.code}/${lesson.slug} v${version}`);
			}
			let removed = trx.updateTable('lesson').set({ publishedVersionId: null }).where('courseId', '=', courseId).where('publishedVersionId', 'is not', null);
			if (seen.length) removed = removed.where('slug', 'not in', seen);
			const unpublished = await removed.returning('slug').execute();
			changes.push(...unpublished.map((l) => `${course.meta.code}/${l.slug} 已下线`));
		}
		if (changes.length) {
			await appendAudit(trx, { actorId: null, action: 'content.sync', entityType: 'course', entityId: null, after: { changes } });
		}
		return changes;
	});
}
