import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { checkInFromRequest } from '$lib/server/attendance/request';
import { upcomingFor } from '$lib/server/attendance/learner';
import { checkInOpensAt, sessionClosesAt } from '$lib/server/attendance/rules';
import { shanghaiRange } from '$lib/time/shanghai';
import { checkInForm } from '$lib/server/attendance/schema';
import { parseForm } from '$lib/validation/form';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const now = new Date();
	const open = (await upcomingFor(locals.db, user.id, now)).filter((s) => s.status === 'scheduled' && checkInOpensAt(s) <= now && sessionClosesAt(s) > now);
	return {
		// A typed code may be for any of these: ask for the position if one of them has a radius.
		needsLocation: open.some((s) => s.locationRadiusM !== null),
		open: open.map((s) => ({ id: s.id, title: s.title, cohortName: s.cohortName, when: shanghaiRange(s.startsAt, s.endsAt), place: s.place, checkedIn: s.checkedInAt !== null }))
	};
};

export const actions = {
	default: async (event) => {
		const user = requireUser();
		const parsed = await parseForm(event.request, checkInForm);
		// checkInForm refuses nothing; a form that is not one at all is told the same as a wrong code.
		if (!parsed.ok) return fail(400, { code: '', message: '请输入屏幕上的 6 位数字签到码' });
		const { code, intent, location } = parsed.data;
		if (!/^\d{6}$/.test(code)) return fail(400, { code, message: '请输入屏幕上的 6 位数字签到码' });
		if (location === null) return fail(400, { code, message: '位置信息格式不正确，请刷新页面后重试' });
		const { result, message } = await checkInFromRequest(event, user.id, { code, intent, location });
		if (!result.ok) return fail(400, { code, message });
		return { ok: message };
	}
} satisfies Actions;
