import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import { AuthoringError, createCourse, createLesson, moveLesson, saveDraft, courseWithLessons } from './authoring';
import { cancelSchedule, listVersions, publishLesson, restoreVersion, scheduleLesson, unpublishLesson } from './versions';
import { publishDue } from './publish-due';
import { lessonPage } from './catalog';

let t: OpenDatabase;
let alice: number;
let bob: number;
let courseId: number;

const draft = (body: string, extra: Partial<{ title: string; creditHours: number; required: boolean }> = {}) => ({
	title: '党的性质', creditHours: 2, required: true, body, ...extra
});
const lessonRow = (id: number) => t.db.selectFrom('lesson').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** What a learner gets: the page of the published version, nothing for a draft (its HTML is cached per version). */
const publishedLesson = (slug: string) => lessonPage(t.db, 'VT', slug, alice);
const audits = (action: string) => t.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'V-SCHOOL' });
	const people = await t.db
		.insertInto('person')
		.values([
			{ username: 'v-alice', name: '王老师', gender: 'female', orgUnitId: school.id },
			{ username: 'v-bob', name: '李老师', gender: 'male', orgUnitId: school.id }
		])
		.returning('id')
		.execute();
	[alice, bob] = people.map((p) => p.id);
	courseId = await createCourse(t.db, alice, {
		code: 'VT', title: '版本测试课程', category: 'activist_training', description: '', creditHours: 4, certificateValidityMonths: 24
	});
});
afterAll(() => t.close());

describe('courses and lessons', () => {
	it('creates a browser course and lessons in order, audited', async () => {
		await expect(createCourse(t.db, alice, { code: 'VT', title: '重复', category: 'activist_training', description: '', creditHours: 1, certificateValidityMonths: 12 })).rejects.toThrow('已被使用');
		const a = await createLesson(t.db, alice, courseId, { slug: 'first', title: '第一课', creditHours: 1, required: true });
		const b = await createLesson(t.db, alice, courseId, { slug: 'second', title: '第二课', creditHours: 1, required: false });
		await expect(createLesson(t.db, alice, courseId, { slug: 'first', title: '重复', creditHours: 1, required: true })).rejects.toThrow(AuthoringError);
		await moveLesson(t.db, alice, b, 'up');
		const { lessons } = (await courseWithLessons(t.db, courseId))!;
		expect(lessons.map((l) => l.id)).toEqual([b, a]);
		expect((await audits('course.create')).map((e) => e.entityId)).toEqual([String(courseId)]);
		expect(await audits('lesson.reorder')).toHaveLength(1);
	});

	it('refuses to change a content/ course', async () => {
		const { id } = await t.db.insertInto('course').values({ code: 'CNT', title: '内容课程', category: 'activist_training', source: 'content' }).returning('id').executeTakeFirstOrThrow();
		const lesson = await t.db.insertInto('lesson').values({ courseId: id, slug: 'x', sortOrder: 1, title: '内容课时', creditHours: 1, draftBody: '正文' }).returning('id').executeTakeFirstOrThrow();
		await expect(createLesson(t.db, alice, id, { slug: 'y', title: '新增', creditHours: 1, required: true })).rejects.toThrow('content/');
		await expect(publishLesson(t.db, alice, lesson.id)).rejects.toThrow('content/');
		await expect(saveDraft(t.db, alice, lesson.id, draft('改'))).rejects.toThrow('content/');
	});
});

describe('publishing and versions', () => {
	let lessonId: number;
	beforeAll(async () => {
		lessonId = await createLesson(t.db, alice, courseId, { slug: 'nature', title: '党的性质', creditHours: 2, required: true });
	});

	it('draft → publish v1 → edit → publish v2 → restore v1 as v3 → unpublish', async () => {
		await saveDraft(t.db, alice, lessonId, draft('## 第一版\n\n<KeyPoint>\n\n要点\n\n</KeyPoint>'));
		expect((await lessonRow(lessonId)).publishedVersionId).toBeNull();
		expect(await publishedLesson('nature')).toBeUndefined();
		expect(await audits('lesson.save_draft')).toEqual([]);

		const v1 = await publishLesson(t.db, alice, lessonId);
		expect(v1).toMatchObject({ version: 1, created: true });
		const seen = await publishedLesson('nature');
		expect(seen?.html).toContain('<aside class="lx-keypoint">');
		expect(seen?.version).toBe(1);

		// Publishing the same draft again writes nothing new.
		expect(await publishLesson(t.db, alice, lessonId)).toMatchObject({ version: 1, created: false });

		await saveDraft(t.db, bob, lessonId, draft('## 第二版', { creditHours: 3 }));
		// A saved draft is not what learners see.
		expect((await publishedLesson('nature'))?.html).toContain('第一版');
		const v2 = await publishLesson(t.db, bob, lessonId);
		expect(v2).toMatchObject({ version: 2, created: true });
		expect(await publishedLesson('nature')).toMatchObject({ version: 2, creditHours: 3, html: expect.stringContaining('第二版') });

		const v3 = await restoreVersion(t.db, alice, lessonId, v1.versionId);
		expect(v3).toMatchObject({ version: 3, created: true });
		expect((await publishedLesson('nature'))?.html).toContain('第一版');
		const row = await lessonRow(lessonId);
		expect(row.draftBody).toContain('第一版');
		expect(row.creditHours).toBe(2);
		const versions = await listVersions(t.db, lessonId);
		expect(versions.map((v) => [v.version, v.publishedByName])).toEqual([[3, '王老师'], [2, '李老师'], [1, '王老师']]);
		expect(versions[0].contentHash).toBe(versions[2].contentHash);
		const restore = await audits('lesson.restore');
		expect(restore.at(-1)).toMatchObject({ actorId: alice, entityId: String(lessonId), after: expect.objectContaining({ version: 3, restoredFrom: 1 }) });

		expect(await unpublishLesson(t.db, bob, lessonId)).toBe(true);
		expect((await lessonRow(lessonId)).publishedVersionId).toBeNull();
		expect(await publishedLesson('nature')).toBeUndefined();
		expect(await listVersions(t.db, lessonId)).toHaveLength(3);
		expect((await audits('lesson.unpublish')).at(-1)).toMatchObject({ actorId: bob, before: { version: 3, publishAt: null } });
	});

	it('refuses to publish an empty draft or one with component problems', async () => {
		const empty = await createLesson(t.db, alice, courseId, { slug: 'empty', title: '空课时', creditHours: 1, required: true });
		await expect(publishLesson(t.db, alice, empty)).rejects.toThrow('正文为空');
		await expect(publishLesson(t.db, alice, empty, draft('正文\n\n<Figure src="figures/a.png" caption="x" />'))).rejects.toThrow(
			'正文有 1 处问题，请修正后再发布：第 3 行：Figure 的 src'
		);
		expect((await lessonRow(empty)).publishedVersionId).toBeNull();
	});

	it('gives concurrent publications distinct version numbers', async () => {
		const id = await createLesson(t.db, alice, courseId, { slug: 'race', title: '并发', creditHours: 1, required: true });
		const results = await Promise.all(
			Array.from({ length: 6 }, (_, i) => publishLesson(t.db, i % 2 ? alice : bob, id, draft(`第 ${i} 稿`)))
		);
		expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
		const versions = await listVersions(t.db, id);
		expect(versions).toHaveLength(6);
		expect((await lessonRow(id)).publishedVersionId).toBe(versions[0].id);
	});
});

describe('scheduled publication', () => {
	it('publishes due lessons once, in the name of whoever scheduled them', async () => {
		const id = await createLesson(t.db, alice, courseId, { slug: 'later', title: '定时', creditHours: 1, required: true });
		await expect(scheduleLesson(t.db, bob, id, new Date(Date.now() - 1000), draft('过去'))).rejects.toThrow('晚于现在');
		const at = new Date(Date.now() + 60 * 60 * 1000);
		await scheduleLesson(t.db, bob, id, at, draft('## 定时发布的正文'));
		expect((await lessonRow(id)).publishAt).toEqual(at);

		expect(await publishDue(t.db)).toEqual([]);
		expect(await publishedLesson('later')).toBeUndefined();

		const later = new Date(at.getTime() + 1000);
		const [done, again] = await Promise.all([publishDue(t.db, later), publishDue(t.db, later)]);
		expect([...done, ...again]).toEqual([expect.objectContaining({ lessonId: id, version: 1, created: true })]);
		expect(await publishDue(t.db, later)).toEqual([]);
		expect((await lessonRow(id)).publishAt).toBeNull();
		expect(await listVersions(t.db, id)).toMatchObject([{ version: 1, publishedByName: '李老师' }]);
		expect((await publishedLesson('later'))?.html).toContain('定时发布的正文');
	});

	it('can be cancelled, and drops a schedule with nothing to publish', async () => {
		const id = await createLesson(t.db, alice, courseId, { slug: 'cancel', title: '取消', creditHours: 1, required: true });
		const at = new Date(Date.now() + 60_000);
		await scheduleLesson(t.db, alice, id, at, draft('正文'));
		await cancelSchedule(t.db, alice, id);
		expect((await lessonRow(id)).publishAt).toBeNull();
		expect(await publishDue(t.db, new Date(at.getTime() + 1000))).toEqual([]);

		await expect(scheduleLesson(t.db, alice, id, at, draft('   '))).rejects.toThrow('正文为空');
		await scheduleLesson(t.db, alice, id, at, draft('正文'));
		// Emptied after scheduling (by a later draft save): nothing to publish when the time comes.
		await saveDraft(t.db, alice, id, draft(''));
		expect(await publishDue(t.db, new Date(at.getTime() + 1000))).toEqual([{ lessonId: id, skipped: '正文为空，不能发布' }]);
		expect((await lessonRow(id)).publishAt).toBeNull();
		expect((await audits('lesson.unschedule')).map((e) => e.entityId)).toEqual([String(id), String(id)]);
	});
});
