import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { instructorOptions } from '$lib/server/cohorts/repository';
import { sessionFor } from '$lib/server/attendance/access';
import { cancelClassSession, restoreClassSession, updateClassSession } from '$lib/server/attendance/class-sessions';
import { formValuesOf, noticeInput, classSessionInput } from '$lib/server/attendance/schema';
import { fieldErrors, formTexts, parseForm } from '$lib/validation/form';
import { options, sessionKindLabels } from '$lib/server/attendance/labels';
import { shanghaiDayTime, shanghaiRange } from '$lib/time/shanghai';
import { campusNetworks } from '$lib/server/attendance/campus';
import { valuesFromForm } from '../../form-values';

async function editable(locals: App.Locals, id: number) {
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, id, user);
	if (!access.edit) error(403, '只有培训班的授课教师或管理人员可以调整课程');
	return { user, session };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { session } = await editable(locals, Number(params.id));
	return {
		session: {
			id: session.id,
			title: session.title,
			cohortName: session.cohortName,
			when: shanghaiRange(session.startsAt, session.endsAt),
			cancelled: session.status === 'cancelled',
			notice: session.notice,
			noticeAt: session.noticeAt ? shanghaiDayTime(session.noticeAt) : null
		},
		values: formValuesOf({ ...session, creditHours: Number(session.creditHours) }),
		kinds: options(sessionKindLabels),
		instructors: await instructorOptions(locals.db),
		campusNetworks: await campusNetworks(locals.db)
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		const { user, session } = await editable(locals, Number(params.id));
		const values = formTexts(await request.formData());
		const parsed = classSessionInput.safeParse(values);
		const notice = noticeInput.safeParse(values);
		const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(notice.success ? {} : fieldErrors(notice.error)) };
		if (parsed.success && parsed.data.instructorId && parsed.data.instructorId !== session.instructorId && !(await instructorOptions(locals.db)).some((p) => p.id === parsed.data.instructorId)) {
			errors.instructorId = '所选人员不是授课教师';
		}
		if (!parsed.success || !notice.success || Object.keys(errors).length) {
			return fail(400, { action: 'save', values: valuesFromForm(values), notice: values.notice ?? '', errors, message: '请修正标出的字段' });
		}
		await updateClassSession(locals.db, user.id, session.id, parsed.data, notice.data.notice);
		redirect(303, `/sessions/${session.id}`);
	},
	cancel: async ({ locals, params, request }) => {
		const { user, session } = await editable(locals, Number(params.id));
		const notice = await parseForm(request, noticeInput);
		if (!notice.ok) return fail(400, { action: 'cancel', message: notice.errors.notice ?? '请修正通知内容' });
		const done = await cancelClassSession(locals.db, user.id, session.id, notice.data.notice);
		return done ? { action: 'cancel', ok: '课程已取消，已向学员显示通知' } : fail(400, { action: 'cancel', message: '该课程已经取消' });
	},
	restore: async ({ locals, params }) => {
		const { user, session } = await editable(locals, Number(params.id));
		const done = await restoreClassSession(locals.db, user.id, session.id);
		return done ? { action: 'restore', ok: '课程已恢复' } : fail(400, { action: 'restore', message: '该课程未被取消' });
	}
} satisfies Actions;
