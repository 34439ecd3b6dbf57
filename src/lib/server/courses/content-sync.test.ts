import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { contentCourses } from './content-source';
import { syncContentCourses } from './content-sync';
import KeyPoint from '$lib/lesson/components/KeyPoint.svelte';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

const versions = () => t.db.selectFrom('lessonVersion').select(['lessonId', 'version', 'html']).orderBy('id').execute();

describe('content sync', () => {
	it('publishes every content/ lesson once, and a second sync changes nothing', async () => {
		const courses = contentCourses();
		const lessonCount = courses.reduce((n, c) => n + c.lessons.length, 0);
		expect(lessonCount).toBeGreaterThanOrEqual(13);
		expect(await syncContentCourses(t.db, courses)).toHaveLength(lessonCount);
		expect(await syncContentCourses(t.db, courses)).toEqual([]);
		const rows = await versions();
		expect(rows).toHaveLength(lessonCount);
		expect(rows.every((r) => r.version === 1)).toBe(true);
		// mdsvex compiled the components into the agreed markup, with figures moved to /files.
		const html = rows.map((r) => r.html).join('\n');
		expect(html).toContain('<aside class="lx-keypoint">');
		expect(html).toMatch(/<img src="\/files\/[0-9a-f-]{36}"/);
		expect(html).not.toContain('src="figures/');
	});

	it('a changed lesson becomes a new version; a removed one is unpublished', async () => {
		const courses = contentCourses();
		const act = courses.find((c) => c.meta.code === 'ACT')!;
		const [first, second, ...rest] = act.lessons;
		const changed = { ...act, lessons: [{ ...first, meta: { ...first.meta, title: '改过的标题' }, component: KeyPoint }, ...rest] };
		const changes = await syncContentCourses(t.db, [changed]);
		expect(changes).toContain(`ACT/${first.slug} v2`);
		expect(changes).toContain(`ACT/${second.slug} 已下线`);
		const lessons = await t.db
			.selectFrom('lesson as l')
			.leftJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
			.select(['l.slug', 'v.version', 'v.title'])
			.where('l.slug', 'in', [first.slug, second.slug])
			.execute();
		expect(lessons.find((l) => l.slug === first.slug)).toMatchObject({ version: 2, title: '改过的标题' });
		expect(lessons.find((l) => l.slug === second.slug)).toMatchObject({ version: null });
		const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'content.sync').execute();
		expect(audit).toHaveLength(2);
	});
});
