import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { checkInFromRequest } from '$lib/server/attendance/request';
import { sessionForLearner } from '$lib/server/attendance/learner';
import { attendanceStatusLabels } from '$lib/server/attendance/labels';
import { checkInPhase, checkoutOpen } from '$lib/server/attendance/rules';
import { shanghaiRange, shanghaiTime } from '$lib/time/shanghai';
import { locationFromForm } from '$lib/server/attendance/schema';

function sessionIdOf(param: string) {
	const id = Number(param);
	if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) error(404, '未找到该课程');
	return id;
}

// Opening the QR link shows this page; the page then posts the code (a GET must not change
// anything: link previews and prefetching would check people in).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const s = await sessionForLearner(locals.db, sessionIdOf(params.sessionId), user.id);
	if (!s) error(404, '未找到该课程，或您不是该培训班的学员');
	const now = new Date();
	const code = (url.searchParams.get('c') ?? '').replace(/\D/g, '').slice(0, 6);
	return {
		session: { id: s.id, title: s.title, cohortName: s.cohortName, when: shanghaiRange(s.startsAt, s.endsAt), place: s.place, cancelled: s.status === 'cancelled' },
		code,
		checkedIn: s.checkedInAt ? shanghaiTime(s.checkedInAt) : null,
		checkedOut: s.checkedOutAt ? shanghaiTime(s.checkedOutAt) : null,
		status: s.attendanceStatus ? attendanceStatusLabels[s.attendanceStatus] : null,
		phase: checkInPhase(s, now),
		canCheckOut: !!s.checkedInAt && !s.checkedOutAt && checkoutOpen(s, now),
		// The page asks for the browser's position only when the session has a radius.
		location: s.locationRadiusM !== null ? { radiusM: s.locationRadiusM, enforced: s.checkinEnforced } : null,
		endsBeforeNow: s.endsAt <= now
	};
};

export const actions = {
	default: async (event) => {
		const user = requireUser();
		const sessionId = sessionIdOf(event.params.sessionId);
		const form = await event.request.formData();
		const code = String(form.get('code') ?? '').replace(/\s+/g, '');
		const intent = form.get('intent') === 'out' ? 'out' : 'in';
		if (!/^\d{6}$/.test(code)) return fail(400, { intent, message: '请输入屏幕上的 6 位数字签到码' });
		const location = locationFromForm(form);
		if (location === null) return fail(400, { intent, message: '位置信息格式不正确，请刷新页面后重试' });
		const { result, message } = await checkInFromRequest(event, user.id, { sessionId, code, intent, location });
		if (!result.ok) return fail(400, { intent, message });
		return { intent, ok: message };
	}
} satisfies Actions;
