import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Kysely } from 'kysely';
import type { CourseCategory, Database } from '../db/schema';
import { prepared } from '../db/prepared';

/** Courses with at least one published lesson: what learners may browse. */
export function listCatalog(db: Kysely<Database>, filter: { category?: CourseCategory }) {
	let q = db
		.selectFrom('course as c')
		.innerJoin('lesson as l', 'l.courseId', 'c.id')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select((eb) => [
			'c.id',
			'c.code',
			'c.title',
			'c.category',
			'c.description',
			'c.creditHours',
			'c.source',
			eb.fn.countAll<number>().as('lessons'),
			eb.fn.sum<number>('v.creditHours').as('lessonHours')
		])
		.groupBy('c.id')
		.orderBy('c.category')
		.orderBy('c.code');
	if (filter.category) q = q.where('c.category', '=', filter.category);
	return q.execute();
}

export function getCourse(db: Kysely<Database>, code: string) {
	return db.selectFrom('course').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The published lessons of a course in order, with the person's progress on each. */
export function publishedLessons(db: Kysely<Database>, courseId: number, personId: number) {
	return db
		.selectFrom('lesson as l')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.leftJoin('lessonProgress as p', (join) => join.onRef('p.lessonId', '=', 'l.id').on('p.personId', '=', personId))
		.select(['l.id', 'l.slug', 'v.title', 'v.creditHours', 'v.required', 'p.secondsCredited', 'p.completedAt'])
		.where('l.courseId', '=', courseId)
		.orderBy('l.sortOrder')
		.execute();
}

/**
 * Everything the lesson page shows in one round trip: the course, the published lesson
 * and the course's published lessons with the person's progress (for navigation).
 * Every lesson view runs it, so it is prepared once (src/lib/server/db/prepared.ts).
 */
const lessonPageQuery = prepared((db: Kysely<Database>, code: string, slug: string, personId: number) =>
	db
		.selectFrom('course as c')
		.innerJoin('lesson as l', (join) => join.onRef('l.courseId', '=', 'c.id').on('l.slug', '=', slug))
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select((eb) => [
			'c.code',
			'c.title as courseTitle',
			'l.id',
			'l.slug',
			'v.title',
			'v.creditHours',
			'v.required',
			'v.id as versionId',
			'v.version',
			jsonArrayFrom(
				eb
					.selectFrom('lesson as o')
					.innerJoin('lessonVersion as ov', 'ov.id', 'o.publishedVersionId')
					.leftJoin('lessonProgress as p', (join) => join.onRef('p.lessonId', '=', 'o.id').on('p.personId', '=', personId))
					.select(['o.id', 'o.slug', 'ov.title', 'p.secondsCredited', 'p.completedAt'])
					.whereRef('o.courseId', '=', 'c.id')
					.orderBy('o.sortOrder')
			).as('lessons')
		])
		.where('c.code', '=', code)
);

// A published version is never changed (an edit makes a new version), so its rendered HTML — the
// biggest thing a lesson view reads — can be kept by id in each instance without going stale.
const HTML_CACHE_SIZE = 300;
const htmlCaches = new WeakMap<Kysely<Database>, Map<number, string>>();
const versionHtml = prepared((db: Kysely<Database>, id: number) => db.selectFrom('lessonVersion').select('html').where('id', '=', id));

async function lessonHtml(db: Kysely<Database>, versionId: number) {
	let htmlCache = htmlCaches.get(db);
	if (!htmlCache) htmlCaches.set(db, (htmlCache = new Map()));
	let html = htmlCache.get(versionId);
	if (html === undefined) {
		html = (await versionHtml.first(db, versionId))?.html ?? '';
		if (htmlCache.size >= HTML_CACHE_SIZE) htmlCache.delete(htmlCache.keys().next().value!);
		htmlCache.set(versionId, html);
	}
	return html;
}

/**
 * A published lesson as the person may open it, or undefined. The lesson page and the practice
 * endpoint both open lessons through here, so a rule about who may open a lesson belongs here.
 */
export async function lessonPage(db: Kysely<Database>, code: string, slug: string, personId: number) {
	const row = await lessonPageQuery.first(db, code, slug, personId);
	if (!row) return undefined;
	const { versionId, ...page } = row;
	return { ...page, html: await lessonHtml(db, versionId) };
}
