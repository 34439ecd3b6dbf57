import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { AuthoringError, draftBase, draftInput, fieldErrors, lessonForEditing, saveDraft, staleFormMessage, StaleDraftError, type DraftBase, type DraftInput } from '$lib/server/courses/authoring';
import { cancelSchedule, getVersion, listVersions, publishLesson, restoreVersion, scheduleLesson, unpublishLesson } from '$lib/server/courses/versions';
import { lessonMarkdownProblems, renderLessonMarkdown } from '$lib/server/courses/markdown';
import { clientLimits } from '$lib/server/files/limits';
import { z } from 'zod';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { id } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { attempt, formValues } from '../../../../authoring.server';
import { parseShanghai, shanghaiDateTime } from '$lib/time/shanghai';

async function lessonOf(locals: App.Locals, params: { id: string; lessonId: string }) {
	const lesson = await lessonForEditing(locals.db, Number(params.lessonId));
	if (!lesson || lesson.courseId !== Number(params.id)) error(404, '未找到该课时');
	return lesson;
}

/** The course's bank questions a <Practice id> can name, for the editor's 练习 button. */
function practiceChoices(db: App.Locals['db'], courseId: number) {
	return db
		.selectFrom('question')
		.select(['code', sql<string>`left(stem, 40)`.as('stem')])
		.where('courseId', '=', courseId)
		.where('code', 'is not', null)
		.where('archivedAt', 'is', null)
		.orderBy('code')
		.limit(500)
		.execute() as Promise<{ code: string; stem: string }[]>;
}

const restoreInput = z.object({ versionId: id('要恢复的版本') });

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.id), 'course.author');
	const lesson = await lessonOf(locals, params);
	const [versions, published, practice] = await Promise.all([
		listVersions(locals.db, lesson.id),
		lesson.publishedVersionId ? getVersion(locals.db, lesson.id, lesson.publishedVersionId) : undefined,
		practiceChoices(locals.db, lesson.courseId)
	]);
	const editable = lesson.source === 'browser';
	return {
		lesson,
		editable,
		versions,
		// content/ lessons are shown as learners see them (mdsvex); browser ones as the draft renders.
		preview: editable ? renderLessonMarkdown(lesson.draftBody) : (published?.html ?? ''),
		problems: editable ? lessonMarkdownProblems(lesson.draftBody) : [],
		limits: clientLimits(),
		practice,
		// One per page load: the page's own saves are told apart from another tab's (saveDraft).
		editor: randomBytes(12).toString('base64url')
	};
};

/** The editor form as a draft and the revision it started from, or the 400 to send back. */
async function draftFrom(request: Request) {
	const values = await formValues(request);
	const parsed = draftInput.safeParse(values);
	if (!parsed.success) return { values, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
	const base = draftBase.safeParse(values);
	if (!base.success) return { values, failure: fail(400, { message: staleFormMessage }) };
	return { values, draft: parsed.data, base: base.data };
}

/** Saves the editor's draft; a save over someone else's newer draft is a 409 that names them. */
async function save(locals: App.Locals, actorId: number, lessonId: number, draft: DraftInput, base: DraftBase) {
	try {
		return { ok: true as const, value: await saveDraft(locals.db, actorId, lessonId, draft, base) };
	} catch (e) {
		if (e instanceof StaleDraftError) return { ok: false as const, failure: fail(409, { message: e.message, conflict: e.current }) };
		if (e instanceof AuthoringError) return { ok: false as const, failure: fail(400, { message: e.message }) };
		throw e;
	}
}

export const actions = {
	saveDraft: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const { draft, base, failure } = await draftFrom(request);
		if (!draft || !base) return failure;
		const done = await save(locals, user.id, lesson.id, draft, base);
		return done.ok ? { saved: '草稿已保存（学员看不到草稿）', ...done.value } : done.failure;
	},
	publish: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const { draft, base, failure } = await draftFrom(request);
		if (!draft || !base) return failure;
		// Saved first and on its own, so a refused publication never loses the text; then the
		// saved draft is published (any later write would have had to name this revision).
		const saved = await save(locals, user.id, lesson.id, draft, base);
		if (!saved.ok) return saved.failure;
		const done = await attempt(() => publishLesson(locals.db, user.id, lesson.id));
		if (!done.ok) return fail(400, { message: `草稿已保存，但没有发布。${done.failure.data.message}`, ...saved.value });
		return {
			saved: done.value.created ? `已发布第 ${done.value.version} 版，学员现在看到的是这一版` : `内容与第 ${done.value.version} 版相同，无需重新发布`,
			...saved.value
		};
	},
	schedule: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const { values, draft, base, failure } = await draftFrom(request);
		if (!draft || !base) return failure;
		const at = parseShanghai(values.publishAt ?? '');
		if (!at) return fail(400, { values, errors: { publishAt: '请选择定时发布的日期和时间' } });
		const saved = await save(locals, user.id, lesson.id, draft, base);
		if (!saved.ok) return saved.failure;
		const done = await attempt(() => scheduleLesson(locals.db, user.id, lesson.id, at));
		if (!done.ok) return fail(400, { values, errors: { publishAt: done.failure.data.message }, ...saved.value });
		return { saved: `草稿已保存，将于 ${shanghaiDateTime(at)}（北京时间）自动发布`, ...saved.value };
	},
	cancelSchedule: async ({ locals, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const done = await attempt(() => cancelSchedule(locals.db, user.id, lesson.id));
		return done.ok ? { saved: '已取消定时发布' } : done.failure;
	},
	unpublish: async ({ locals, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const done = await attempt(() => unpublishLesson(locals.db, user.id, lesson.id));
		return done.ok ? { saved: '已取消发布，学员看不到该课时了（各版本仍保留）' } : done.failure;
	},
	restore: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const lesson = await lessonOf(locals, params);
		const input = await parseForm(request, restoreInput);
		if (!input.ok) return fail(400, { message: '请选择要恢复的版本' });
		const done = await attempt(() => restoreVersion(locals.db, user.id, lesson.id, input.data.versionId));
		if (!done.ok) return done.failure;
		return { saved: `已恢复并发布为第 ${done.value.version} 版`, restored: true };
	}
} satisfies Actions;
