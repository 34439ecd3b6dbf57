import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { testDatabase } from '../../../../../../../test-support/db';
import { buildSchool } from '../../../../../../../test-support/cohorts';
import { runAction, runLoad } from '../../../../../../../test-support/load';
import type { OpenDatabase } from '$lib/server/db/engine';
import type { AuthUser } from '$lib/server/auth/session';
import { createCourse, createLesson } from '$lib/server/courses/authoring';
import { restoreVersion } from '$lib/server/courses/versions';
import { actions, load } from './+page.server';

// The editor saves its draft every few seconds through the saveDraft action. Each save names the
// revision it started from and the editor page it comes from: a save over someone else's newer
// draft (another tab, another instructor) is refused and changes nothing; a draft save never
// makes a version and is not audited (a draft is invisible to learners).

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let courseId: number;
let medCourseId: number;
let lessonId: number;
let medLessonId: number;
let csAuthor: AuthUser;

const mine = 'editor-aaaaaaaa';
const theirs = 'editor-bbbbbbbb';

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	courseId = await createCourse(t.db, s.users.instructor.id, { code: 'AS', title: '自动保存测试', category: 'activist_training', description: '', creditHours: 2, certificateValidityMonths: 24 });
	medCourseId = await createCourse(t.db, s.users.instructor.id, { code: 'AS-MED', title: '医学院课程', category: 'activist_training', description: '', creditHours: 2, certificateValidityMonths: 24 }, s.units.med.id);
	lessonId = await createLesson(t.db, s.users.instructor.id, courseId, { slug: 'autosave', title: '党的性质', creditHours: 1, required: true });
	medLessonId = await createLesson(t.db, s.users.instructor.id, medCourseId, { slug: 'med', title: '医学院课时', creditHours: 1, required: true });
	// An instructor appointed by the computer science college: its courses only.
	csAuthor = { ...s.users.organizer, roles: [{ role: 'instructor', orgUnitId: s.units.cs.id, orgPath: s.units.cs.path, orgName: 'cs', orgKind: 'committee' }] };
});
afterAll(() => t.close());

// A form body sends a textarea's line breaks as CRLF, as browsers do.
const lf = (text: string) => text.replace(/\r\n/g, '\n');
const lessonRow = (id = lessonId) => t.db.selectFrom('lesson').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const versions = async (id = lessonId) => (await t.db.selectFrom('lessonVersion').select('id').where('lessonId', '=', id).execute()).length;
const auditCount = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const fields = (body: string, revision: number, editor = mine) => ({ title: '党的性质', creditHours: '1', required: 'on', body, revision: String(revision), editor });
function post(action: keyof typeof actions, form: Record<string, string>, { user = s.users.instructor, course = courseId, lesson = lessonId } = {}) {
	const path = `/teach/courses/${course}/lessons/${lesson}?/${action}`;
	return runAction(actions[action] as (event: never) => Promise<unknown>, { db: t.db, user, path, params: { id: String(course), lessonId: String(lesson) }, fields: form });
}
async function refusal(answer: Promise<unknown>) {
	try {
		await answer;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
	return 'allowed';
}

describe('autosaving a lesson draft', () => {
	it('the editor starts from the draft revision, and a save keeps the text, moves the revision on and makes no version or audit entry', async () => {
		const data = (await runLoad(load, { db: t.db, user: s.users.instructor, path: `/teach/courses/${courseId}/lessons/${lessonId}`, params: { id: String(courseId), lessonId: String(lessonId) } })) as { lesson: { draftRevision: number } };
		const start = data.lesson.draftRevision;
		const audits = await auditCount();
		const saved = await post('saveDraft', fields('## 第一节\n\n正在写的正文', start));
		expect(saved).toMatchObject({ revision: start + 1 });
		const again = await post('saveDraft', fields('## 第一节\n\n正在写的正文，又多了一句', start + 1));
		expect(again).toMatchObject({ revision: start + 2 });
		const row = await lessonRow();
		expect(lf(row.draftBody)).toBe('## 第一节\n\n正在写的正文，又多了一句');
		expect(row).toMatchObject({ draftRevision: start + 2, draftEditor: mine, publishedVersionId: null });
		expect(await versions()).toBe(0);
		expect(await auditCount()).toBe(audits);
	});

	it('refuses a save over a newer draft from another editor, in Chinese, and changes nothing', async () => {
		const { draftRevision: base } = await lessonRow();
		// Another tab (or another instructor) saves first …
		expect(await post('saveDraft', fields('另一个标签页的修改', base, theirs), { user: s.users.instructor2 })).toMatchObject({ revision: base + 1 });
		const before = await lessonRow();
		// … and this editor, still on `base`, must not overwrite it without a word.
		const stale = await post('saveDraft', fields('本页的修改', base, mine));
		expect(stale).toMatchObject({ status: 409, data: { conflict: { revision: base + 1, by: '另一位教师' } } });
		expect((stale as { data: { message: string } }).data.message).toMatch(/另一位教师.*保存过.*没有保存/);
		expect(await lessonRow()).toEqual(before);
		// Publishing from the stale page is refused the same way, and no version is made.
		expect(await post('publish', fields('本页的修改', base, mine))).toMatchObject({ status: 409 });
		expect(await versions()).toBe(0);
		expect(await lessonRow()).toEqual(before);
		// Having seen the other draft, the person may choose to overwrite it: a save from the newer revision.
		expect(await post('saveDraft', fields('本页的修改', base + 1, mine))).toMatchObject({ revision: base + 2 });
	});

	it('accepts a save repeated after its answer was lost (a network drop): the newer revision is this editor’s own', async () => {
		const { draftRevision: base } = await lessonRow();
		expect(await post('saveDraft', fields('第一次发出，回答丢失', base))).toMatchObject({ revision: base + 1 });
		// The page never heard back, so it sends its newer text from the revision it knows.
		expect(await post('saveDraft', fields('第一次发出，回答丢失；重试时又多写了', base))).toMatchObject({ revision: base + 2 });
		expect((await lessonRow()).draftBody).toBe('第一次发出，回答丢失；重试时又多写了');
	});

	it('a restored version moves the revision on, so an editor opened before it is refused', async () => {
		const { draftRevision: base } = await lessonRow();
		expect(await post('publish', fields('## 第一版\n\n发布的正文', base))).toMatchObject({ saved: expect.stringContaining('已发布第 1 版') });
		const published = await lessonRow();
		expect(await post('saveDraft', fields('## 第二稿', published.draftRevision))).toMatchObject({ revision: published.draftRevision + 1 });
		const { id: first } = await t.db.selectFrom('lessonVersion').select('id').where('lessonId', '=', lessonId).executeTakeFirstOrThrow();
		await post('saveDraft', fields('## 第三稿', published.draftRevision + 1));
		const beforeRestore = await lessonRow();
		await restoreVersion(t.db, s.users.instructor2.id, lessonId, first);
		const restored = await lessonRow();
		expect(restored.draftRevision).toBeGreaterThan(beforeRestore.draftRevision);
		expect(await post('saveDraft', fields('## 第三稿（未刷新的页面）', beforeRestore.draftRevision))).toMatchObject({ status: 409 });
		expect(lf((await lessonRow()).draftBody)).toBe('## 第一版\n\n发布的正文');
	});

	it('refuses a form without its revision (a page from before) in Chinese, and changes nothing', async () => {
		const before = await lessonRow();
		for (const form of [{ ...fields('x', 0), revision: '' }, { ...fields('x', before.draftRevision), editor: '<script>' }, { ...fields('x', before.draftRevision), revision: '-1' }]) {
			const answer = await post('saveDraft', form);
			expect(answer).toMatchObject({ status: 400, data: { message: expect.stringContaining('请刷新页面') } });
		}
		expect(await lessonRow()).toEqual(before);
	});

	it('denies an account without the authoring grant and an instructor of another college, and changes nothing', async () => {
		const before = await lessonRow();
		const medBefore = await lessonRow(medLessonId);
		expect(await refusal(post('saveDraft', fields('组织员写的', before.draftRevision), { user: s.users.organizer }))).toBe(403);
		expect(await refusal(post('saveDraft', fields('学员写的', before.draftRevision), { user: s.learners.a1 }))).toBe(403);
		const med = { user: csAuthor, course: medCourseId, lesson: medLessonId };
		expect(await refusal(post('saveDraft', fields('别的学院写的', medBefore.draftRevision), med))).toBe(403);
		// The lesson must belong to the course in the address: a course one may edit does not open another's lesson.
		expect(await refusal(post('saveDraft', fields('借道', medBefore.draftRevision), { course: courseId, lesson: medLessonId }))).toBe(404);
		expect(await lessonRow()).toEqual(before);
		expect(await lessonRow(medLessonId)).toEqual(medBefore);
	});
});
