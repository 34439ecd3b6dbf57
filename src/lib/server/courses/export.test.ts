import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import { saveFile } from '../files/store';
import { tinyPdf, tinyPng } from '../../../test-support/files';
import { createCourse, createLesson, courseWithLessons } from './authoring';
import { publishLesson } from './versions';
import { exportCourse } from './export';
import { importCourse } from './import';
import { frontmatterProblems } from '$lib/courses/frontmatter';
import { syncContentCourses } from './content-sync';

let t: OpenDatabase;
let actor: number;
let courseId: number;

const published = (id: number) =>
	t.db
		.selectFrom('lesson as l')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select(['l.slug', 'l.sortOrder', 'v.title', 'v.creditHours', 'v.required', 'v.body', 'v.html'])
		.where('l.courseId', '=', id)
		.orderBy('l.sortOrder')
		.execute();

async function zipOf(files: Record<string, string | Uint8Array>) {
	const zip = new JSZip();
	for (const [name, data] of Object.entries(files)) zip.file(name, data);
	return zip.generateAsync({ type: 'uint8array' });
}

const courseMd = (code = 'IMP', extra = '') => `---\ntitle: 导入测试课程\ncode: ${code}\ncategory: 发展对象培训\ndescription: 简介\ncreditHours: 3\n${extra}---\n`;
const lessonMd = (order: number, body = '正文') => `---\ntitle: 第${order}课\norder: ${order}\ncreditHours: 1.5\nrequired: true\n---\n${body}\n`;

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'E-SCHOOL' });
	({ id: actor } = await t.db.insertInto('person').values({ username: 'e-teacher', name: '赵老师', gender: 'male', orgUnitId: school.id }).returning('id').executeTakeFirstOrThrow());
	courseId = await createCourse(t.db, actor, {
		code: 'EXP', title: '导出测试课程', category: 'probationary_training', description: '预备党员教育', creditHours: 3.5, certificateValidityMonths: 36
	});
	const png = await saveFile(t.db, { name: '入党 流程.png', bytes: tinyPng, courseId, actorId: actor });
	const pdf = await saveFile(t.db, { name: 'handout.pdf', bytes: tinyPdf, courseId, actorId: actor });
	if (!png.ok || !pdf.ok) throw new Error('upload failed');
	const a = await createLesson(t.db, actor, courseId, { slug: 'oath', title: '入党誓词', creditHours: 2, required: true });
	const b = await createLesson(t.db, actor, courseId, { slug: 'probation', title: '预备期', creditHours: 1.5, required: false });
	await createLesson(t.db, actor, courseId, { slug: 'draft-only', title: '未发布', creditHours: 1, required: true });
	await publishLesson(t.db, actor, a, {
		title: '入党誓词', creditHours: 2, required: true,
		body: `## 誓词\n\n<Figure src="/files/${png.id}" caption="流程图" />\n\n![同一张图](/files/${png.id})\n\n[讲义](/files/${pdf.id})`
	});
	await publishLesson(t.db, actor, b, { title: '预备期', creditHours: 1.5, required: false, body: '<KeyPoint>\n\n预备期一年\n\n</KeyPoint>' });
});
afterAll(() => t.close());

describe('export and import', () => {
	it('exports a content/ folder with front matter, published lessons and figures', async () => {
		const out = (await exportCourse(t.db, courseId))!;
		expect(out.fileName).toBe('exp.zip');
		const zip = await JSZip.loadAsync(out.bytes);
		const names = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name).sort();
		expect(names).toEqual(['exp/01-oath.md', 'exp/02-probation.md', 'exp/course.md', 'exp/figures/handout.pdf', 'exp/figures/入党-流程.png']);
		const course = await zip.file('exp/course.md')!.async('string');
		expect(frontmatterProblems('course.md', course, 'course')).toEqual([]);
		expect(course).toContain('category: 预备党员培训');
		const lesson = await zip.file('exp/01-oath.md')!.async('string');
		expect(frontmatterProblems('01-oath.md', lesson, 'lesson')).toEqual([]);
		expect(lesson).toContain('<Figure src="figures/入党-流程.png" caption="流程图" />');
		expect(lesson).toContain('![同一张图](figures/入党-流程.png)');
		expect(lesson).toContain('[讲义](figures/handout.pdf)');
		expect(lesson).not.toContain('/files/');
		expect(await zip.file('exp/figures/入党-流程.png')!.async('uint8array')).toEqual(tinyPng);
	});

	it('imports the export back as the same course (round trip)', async () => {
		const out = (await exportCourse(t.db, courseId))!;
		const result = await importCourse(t.db, actor, out.bytes, { code: 'EXP-COPY', publish: true });
		expect(result).toMatchObject({ ok: true, code: 'EXP-COPY', lessons: 2, files: 2, notes: [] });
		if (!result.ok) return;
		const copy = (await courseWithLessons(t.db, result.courseId))!;
		expect(copy.course).toMatchObject({ source: 'browser', title: '导出测试课程', category: 'probationary_training', creditHours: 3.5, certificateValidityMonths: 36 });
		const [before, after] = [await published(courseId), await published(result.courseId)];
		const ids = /\/files\/[0-9a-f-]{36}/g;
		expect(after.map((l) => ({ ...l, body: l.body.replace(ids, 'F'), html: l.html.replace(ids, 'F') }))).toEqual(
			before.map((l) => ({ ...l, body: l.body.replace(ids, 'F'), html: l.html.replace(ids, 'F') }))
		);
		// The copies' files are the same bytes, stored for the new course.
		const files = await t.db.selectFrom('storedFile').select(['name', 'data']).where('courseId', '=', result.courseId).orderBy('name').execute();
		expect(files.map((f) => f.name)).toEqual(['handout.pdf', '入党-流程.png']);
		expect(new Uint8Array(files[1].data)).toEqual(tinyPng);
		expect(after[0].html).toMatch(/<img src="\/files\/[0-9a-f-]{36}" alt="流程图"/);
		const audit = await t.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'course.import').execute();
		expect(audit).toEqual([{ action: 'course.import', entityId: String(result.courseId) }]);
	});

	it('reports every problem by file and field, and writes nothing', async () => {
		const countCourses = async () => Number((await t.db.selectFrom('course').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
		const before = await countCourses();
		const bytes = await zipOf({
			'imp/course.md': courseMd(),
			'imp/01-one.md': lessonMd(1, '<Figure src="figures/missing.png" caption="x" />'),
			'imp/02-two.md': '---\ntitle: 第二课\norder: 3\ncreditHours: 很多\nrequired: true\n---\n正文',
			'imp/03-three.md': lessonMd(3, '<Figure src="javascript:alert(1)" caption="x" />'),
			'imp/notes.md': '随便写写',
			'imp/figures/fake.png': tinyPdf,
			'imp/questions.yaml': '- id: imp-001'
		});
		const result = await importCourse(t.db, actor, bytes, { publish: true });
		expect(result).toEqual({
			ok: false,
			errors: expect.arrayContaining([
				'02-two.md: 字段 creditHours：必填，应为数字（学时）',
				'03-three.md: 第 7 行：Figure 的 src 只能是 https:// 地址或上传后的 /files/… 地址，且须以 /> 结尾',
				'notes.md: 课时文件名应为 NN-英文短名.md（如 01-nature-and-aims.md）',
				'figures/fake.png: “fake.png”的内容是 PDF 文件，与扩展名不符，请改正扩展名后重新上传',
				'01-one.md: 引用的 figures/missing.png 不在压缩包中'
			])
		});
		expect(await countCourses()).toBe(before);

		expect(await importCourse(t.db, actor, new TextEncoder().encode('not a zip'), { publish: true })).toEqual({ ok: false, errors: ['上传的文件不是有效的 ZIP 压缩包'] });
		expect(await importCourse(t.db, actor, await zipOf({ 'x/01-a.md': lessonMd(1) }), { publish: true })).toEqual({ ok: false, errors: ['压缩包中没有 course.md（课程说明）'] });
		const badCourse = await importCourse(t.db, actor, await zipOf({ 'course.md': '---\ntitle: 课\ncode: exp\ncategory: 其他\n---\n', '01-a.md': lessonMd(1) }), { publish: true });
		expect(badCourse.ok ? [] : badCourse.errors).toEqual(
			expect.arrayContaining(['course.md: 字段 title：至少 2 个字', expect.stringMatching(/^course\.md: 字段 code：/), expect.stringMatching(/^course\.md: 字段 category：应为/)])
		);
		const taken = await importCourse(t.db, actor, await zipOf({ 'course.md': courseMd('EXP'), '01-a.md': lessonMd(1) }), { publish: true });
		expect(taken).toEqual({ ok: false, errors: ['课程代码 EXP 已存在：请在“新课程代码”中另填一个'] });
	});

	it('imports a hand-made folder as drafts when asked, noting what it skipped', async () => {
		const bytes = await zipOf({ 'course.md': courseMd('IMP'), '01-a.md': lessonMd(1, '## 甲'), '02-b.md': lessonMd(2, '## 乙'), 'questions.yaml': '[]' });
		const result = await importCourse(t.db, actor, bytes, { publish: false });
		expect(result).toMatchObject({ ok: true, lessons: 2, notes: ['questions.yaml 未导入（只导入 course.md、课时文件和 figures/ 中的文件）'] });
		if (!result.ok) return;
		const { lessons } = (await courseWithLessons(t.db, result.courseId))!;
		expect(lessons.map((l) => [l.slug, l.publishedVersion])).toEqual([['a', null], ['b', null]]);
	});

	it('exports a content/ course with its SVG figures, and imports it as a browser course that renders the same', async () => {
		await syncContentCourses(t.db);
		const act = await t.db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
		const out = (await exportCourse(t.db, act.id))!;
		const zip = await JSZip.loadAsync(out.bytes);
		expect(zip.file('act/figures/development-procedure.svg')).not.toBeNull();
		const result = await importCourse(t.db, actor, out.bytes, { code: 'ACT-B', publish: true });
		expect(result).toMatchObject({ ok: true, lessons: out.lessons });
		if (!result.ok) return;
		const normalise = (html: string) =>
			html.replace(/\/files\/[0-9a-f-]{36}/g, 'F').replace(/\s*\/>/g, '>').replace(/ (controls|data-lx-video)=""/g, ' $1').replace(/ rel="nofollow"/g, '').replace(/>\s+</g, '><').trim();
		const [original, copy] = [await published(act.id), await published(result.courseId)];
		expect(copy.map((l) => normalise(l.html))).toEqual(original.map((l) => normalise(l.html)));
	});
});
