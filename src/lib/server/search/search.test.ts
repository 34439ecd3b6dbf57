import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { testDatabase } from '../../../test-support/db';
import { runLoad } from '../../../test-support/load';
import type { OpenDatabase } from '../db/engine';
import type { AuthUser } from '../auth/session';
import { insertOrgUnit } from '../org/units';
import { createCourse, createLesson, saveDraft } from '../courses/authoring';
import { publishLesson, restoreVersion, unpublishLesson } from '../courses/versions';
import { search } from './lessons';
import { highlight } from './highlight';
import Highlighted from '$lib/components/search/Highlighted.svelte';
import { load } from '../../../routes/(learn)/courses/+page.server';
import { contentCourses } from '../courses/content-source';
import { syncContentCourses } from '../courses/content-sync';

// Lesson text is found by any two or more consecutive characters (Chinese has no spaces), on
// both engines; only what a learner may open is found: published versions, never drafts.

let t: OpenDatabase;
let author: number;
let learner: AuthUser;
let courseId: number;
const lessons: Record<string, number> = {};

const body = (text: string) => `# 标题\n\n${text}\n`;
const found = async (q: string) => (await search(t.db, q, 1)).lessons.map((l) => l.slug);
const plain = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');

async function lesson(course: number, slug: string, title: string, text: string, publish = true) {
	const id = await createLesson(t.db, author, course, { slug, title, creditHours: 1, required: true });
	await saveDraft(t.db, author, id, { title, creditHours: 1, required: true, body: body(text) });
	if (publish) await publishLesson(t.db, author, id);
	lessons[slug] = id;
	return id;
}

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '搜索大学党委', code: 'SR-SCHOOL' });
	const [a, l] = await t.db
		.insertInto('person')
		.values([
			{ username: 'sr-author', name: '张老师', gender: 'female', orgUnitId: school.id },
			{ username: 'sr-learner', name: '李同学', gender: 'male', orgUnitId: school.id }
		])
		.returning('id')
		.execute();
	author = a.id;
	learner = { id: l.id, username: 'sr-learner', name: '李同学', orgUnitId: school.id, orgPath: '', orgName: '', politicalStatus: 'masses', mustChangePassword: false, roles: [] };
	courseId = await createCourse(t.db, author, { code: 'SR', title: '搜索测试课程', category: 'activist_training', description: '学习民主集中制的课程', creditHours: 2, certificateValidityMonths: 24 });
	await lesson(courseId, 'centralism', '组织原则', '党是根据自己的纲领和章程，按照**民主集中制**组织起来的统一整体。民主集中制是民主基础上的集中和集中指导下的民主相结合。');
	await lesson(courseId, 'discipline', '纪律', '严明的纪律是党的光荣传统。Party discipline 与 <script>alert(1)</script> 都是正文。');
	await lesson(courseId, 'duties', '民主集中制的要求', '党员必须履行义务。');
	// A course whose only lesson is a draft: no learner can open it.
	const hidden = await createCourse(t.db, author, { code: 'SRX', title: '未发布的纪律课程', category: 'activist_training', description: '', creditHours: 1, certificateValidityMonths: 24 });
	await lesson(hidden, 'hidden', '草稿课时', '只在草稿里的秘密词语：星火燎原', false);
});
afterAll(() => t.close());

describe('lesson search', () => {
	it('finds a lesson by a two-character and by a longer Chinese query, title hits first', async () => {
		expect(await found('纪律')).toEqual(['discipline']);
		expect(await found('民主集中制')).toEqual(['duties', 'centralism']);
		const [duties, centralism] = (await search(t.db, '民主集中制', 1)).lessons;
		expect(duties.title.some((p) => p.hit)).toBe(true);
		expect(centralism.count).toBe(2);
		// A word split by inline Markdown (**…**) is still one word in the text.
		expect(await found('按照民主集中制组织')).toEqual(['centralism']);
	});

	it('finds one-character and Latin queries, ignoring case', async () => {
		expect(await found('纲')).toEqual(['centralism']);
		expect(await found('PARTY discipline')).toEqual(['discipline']);
		expect(await found('纪律 Party')).toEqual([]);
	});

	it('never finds a draft, and finds a course only once a learner can open it', async () => {
		expect(await found('星火燎原')).toEqual([]);
		const result = await search(t.db, '纪律', 1);
		expect(result.courses.map((c) => [c.code, c.lessonHits])).toEqual([['SR', 1]]);
		// Draft text saved over a published lesson stays unsearchable until it is published.
		await saveDraft(t.db, author, lessons.duties, { title: '民主集中制的要求', creditHours: 1, required: true, body: body('新的草稿：四个服从') });
		expect(await found('四个服从')).toEqual([]);
		expect(await found('履行义务')).toEqual(['duties']);
	});

	it('a lesson drops out when unpublished and comes back when a version is restored', async () => {
		await unpublishLesson(t.db, author, lessons.discipline);
		expect(await found('光荣传统')).toEqual([]);
		expect((await search(t.db, 'discipline', 1)).courses).toEqual([]);
		const [v1] = await t.db.selectFrom('lessonVersion').select('id').where('lessonId', '=', lessons.discipline).execute();
		await restoreVersion(t.db, author, lessons.discipline, v1.id);
		expect(await found('光荣传统')).toEqual(['discipline']);
	});

	it('finds courses by title and description', async () => {
		const byTitle = await search(t.db, '搜索测试', 1);
		expect(byTitle.courses.map((c) => plain(c.title))).toEqual(['搜索测试课程']);
		expect(byTitle.lessons).toEqual([]);
		expect((await search(t.db, '学习民主', 1)).courses.map((c) => c.code)).toEqual(['SR']);
	});

	it('finds content/ lessons once synced, without the practice questions they embed', async () => {
		await syncContentCourses(t.db, contentCourses());
		const [hit] = (await search(t.db, '个人专断', 1)).lessons;
		expect([hit.courseCode, hit.slug]).toEqual(['ACT', 'organisation-democratic-centralism']);
		expect(plain(hit.snippet)).toContain('离开民主讲集中');
		expect(await found('开启 JavaScript')).toEqual([]);
		expect(await found('act-021')).toEqual([]);
	});

	it('pages lesson hits', async () => {
		const many = await createCourse(t.db, author, { code: 'SRP', title: '分页课程', category: 'activist_training', description: '', creditHours: 1, certificateValidityMonths: 24 });
		for (let i = 0; i < 12; i++) await lesson(many, `p${i}`, `第${i}课`, `分页词语出现在第${i}课。`);
		const first = await search(t.db, '分页词语', 1);
		const second = await search(t.db, '分页词语', 2);
		expect([first.total, first.pages, first.lessons.length, second.lessons.length]).toEqual([12, 2, 10, 2]);
		expect(new Set([...first.lessons, ...second.lessons].map((l) => l.slug)).size).toBe(12);
	});
});

describe('highlight', () => {
	it('marks every match and renders lesson text escaped', async () => {
		expect(highlight('民主集中制与民主', '民主')).toEqual([
			{ text: '民主', hit: true }, { text: '集中制与', hit: false }, { text: '民主', hit: true }
		]);
		const { snippet } = (await search(t.db, 'alert', 1)).lessons[0];
		const { body: html } = render(Highlighted, { props: { pieces: snippet } });
		expect(html).toContain('&lt;script>');
		expect(html).toContain('<mark>alert</mark>');
		expect(html).not.toContain('<script>');
	});
});

describe('the course list', () => {
	const list = (query: string) => runLoad(load, { db: t.db, user: learner, path: `/courses${query}` }) as Promise<Record<string, any>>;

	it('searches lesson text from the search box', async () => {
		const page = await list('?q=%E5%85%89%E8%8D%A3%E4%BC%A0%E7%BB%9F'); // 光荣传统
		expect(page.search.lessons.map((l: { slug: string }) => l.slug)).toContain('discipline');
	});

	it('answers bad input with a message, not an error', async () => {
		expect((await list('?q=%20%E3%80%80%20')).problem).toContain('不能只有空格');
		expect((await list(`?q=${'党'.repeat(41)}`)).problem).toContain('不能超过 40 个字');
		expect((await list('?q=%00abc')).problem).toContain('无法识别的字符');
		expect((await list('?q=%E7%BA%AA%E5%BE%8B&page=abc')).problem).toContain('页码');
		// Wildcards are plain characters: nothing matches everything.
		expect((await list('?q=%25')).search.lessons).toEqual([]);
	});
});
