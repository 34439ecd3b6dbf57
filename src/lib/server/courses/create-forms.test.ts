import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import { keyedForm, outcome, postThrice } from '../../../test-support/once';
import { createCourse } from './authoring';
import { addLessonOnce, createCourseOnce, importCourseOnce } from './create-forms';

// 新建课程, 添加课时 and 导入课程, each posted as a double click and a retry of one rendered
// form: one course or lesson, and every post is told what the first was (not 「…已被使用」).

let t: OpenDatabase;
let actor: number;

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'CF-SCHOOL' });
	({ id: actor } = await t.db.insertInto('person').values({ username: 'cf-teacher', name: '赵老师', gender: 'male', orgUnitId: school.id }).returning('id').executeTakeFirstOrThrow());
});
afterAll(() => t.close());

const audits = async (action: string) => (await t.db.selectFrom('auditLog').select('id').where('action', '=', action).execute()).length;

describe('creates of /teach, once per rendered form', () => {
	it('新建课程: one course, and every post is sent to it', async () => {
		const form = keyedForm({ code: 'CF-NEW', title: '重复提交测试', category: 'member_education', description: '', creditHours: '8', certificateValidityMonths: '24' });
		const answers = await postThrice(() => createCourseOnce(t.db, actor, null, form));
		const rows = await t.db.selectFrom('course').select('id').where('code', '=', 'CF-NEW').execute();
		expect(rows).toHaveLength(1);
		expect(answers).toEqual(Array(3).fill({ redirect: `/teach/courses/${rows[0].id}` }));
		expect(await audits('course.create')).toBe(1);
	});

	it('添加课时: one lesson, and every post is sent to it', async () => {
		const courseId = await createCourse(t.db, actor, { code: 'CF-LES', title: '课时测试', category: 'member_education', description: '', creditHours: 2, certificateValidityMonths: 24 });
		const form = keyedForm({ title: '第一课', slug: 'first', creditHours: '1', required: 'on' });
		const answers = await postThrice(() => addLessonOnce(t.db, actor, courseId, form));
		const rows = await t.db.selectFrom('lesson').select('id').where('courseId', '=', courseId).execute();
		expect(rows).toHaveLength(1);
		expect(answers).toEqual(Array(3).fill({ redirect: `/teach/courses/${courseId}/lessons/${rows[0].id}` }));
	});

	it('添加课时 with the short name left empty: the pinyin of the title, clear of the course\'s other lessons; a bad one is still refused', async () => {
		const courseId = await createCourse(t.db, actor, { code: 'CF-SLUG', title: '短名测试', category: 'member_education', description: '', creditHours: 2, certificateValidityMonths: 24 });
		const slugs = async () => (await t.db.selectFrom('lesson').select('slug').where('courseId', '=', courseId).orderBy('id').execute()).map((l) => l.slug);
		for (const title of ['党的性质', '党的性质']) await outcome(addLessonOnce(t.db, actor, courseId, keyedForm({ title, slug: '', creditHours: '1', required: 'on' })));
		expect(await slugs()).toEqual(['dang-de-xing-zhi', 'dang-de-xing-zhi-2']);
		const bad = await addLessonOnce(t.db, actor, courseId, keyedForm({ title: '党的宗旨', slug: 'Dang De!', creditHours: '1', required: 'on' }));
		expect(bad).toMatchObject({ status: 400, data: { lesson: { errors: { slug: expect.stringContaining('英文短名只能用小写字母') } } } });
		expect(await slugs()).toHaveLength(2);
	});

	it('导入课程 (ZIP): one course, and every post gets the first import\'s summary', async () => {
		const zip = new JSZip();
		zip.file('course.md', '---\ntitle: 导入测试课程\ncode: CF-ZIP\ncategory: 发展对象培训\ndescription: 简介\ncreditHours: 3\n---\n');
		zip.file('01-a.md', '---\ntitle: 第1课\norder: 1\ncreditHours: 1.5\nrequired: true\n---\n正文\n');
		const bytes = await zip.generateAsync({ type: 'uint8array' });
		const form = keyedForm({ code: '', publish: 'on' });
		const answers = await postThrice(() => importCourseOnce(t.db, actor, null, form, bytes));
		const rows = await t.db.selectFrom('course').select('id').where('code', '=', 'CF-ZIP').execute();
		expect(rows).toHaveLength(1);
		expect(answers[0]).toMatchObject({ imported: { ok: true, courseId: rows[0].id, lessons: 1 } });
		expect(answers).toEqual(Array(3).fill(answers[0]));
	});

	it('a refused create keeps nothing: the corrected form goes through with the same key', async () => {
		const form = keyedForm({ code: 'CF-NEW', title: '代码已被使用', category: 'member_education', description: '', creditHours: '8', certificateValidityMonths: '24' });
		expect(await createCourseOnce(t.db, actor, null, form)).toMatchObject({ status: 400, data: { errors: { code: '课程代码 CF-NEW 已被使用' } } });
		form.set('code', 'CF-FIXED');
		await expect(createCourseOnce(t.db, actor, null, form)).rejects.toMatchObject({ status: 303 });
		expect(await t.db.selectFrom('course').select('id').where('code', '=', 'CF-FIXED').execute()).toHaveLength(1);
	});
});
