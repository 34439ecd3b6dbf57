import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { checkInFromRequest } from '$lib/server/attendance/request';
import { sessionForLearner } from '$lib/server/attendance/learner';
import { attendanceStatusLabels } from '$lib/server/attendance/labels';
import { checkInPhase, checkoutOpen } from '$lib/server/attendance/rules';
import { shanghaiRange, shanghaiTime } from '$lib/time/shanghai';
import { checkInForm } from '$lib/server/attendance/schema';
import { parseForm } from '$lib/validation/form';
import { mintScan, scanReturnPath } from '$lib/server/attendance/scan-login';
import { readScan } from '$lib/server/attendance/scan-token';
import { checkInSecret } from '$lib/server/attendance/codes';
import { refusalMessages } from '$lib/server/attendance/labels';

const SCAN_TOKEN = /^[\w.-]{1,120}$/;

// Opening the QR link shows this page; the page then posts the code (a GET must not change
// anything: link previews and prefetching would check people in).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	let code = (url.searchParams.get('c') ?? '').replace(/\D/g, '').slice(0, 6);
	if (!locals.user) {
		// Signed out: keep the scan across the sign-in, signed with the time it reached us.
		const token = await mintScan(locals.db, Number(params.sessionId), code, new Date(locals.arrivedAt));
		if (token) redirect(303, `/login?redirectTo=${encodeURIComponent(scanReturnPath(Number(params.sessionId), token))}`);
	}
	const user = requireUser();
	const s = await sessionForLearner(locals.db, Number(params.sessionId), user.id);
	if (!s) error(404, '未找到该课程，或您不是该培训班的学员');
	const now = new Date();
	const scanParam = url.searchParams.get('scan');
	let scan: string | null = null;
	let scanProblem: string | null = null;
	if (scanParam !== null) {
		const read = SCAN_TOKEN.test(scanParam) ? readScan(await checkInSecret(locals.db), scanParam, s.id, now) : ({ ok: false, reason: 'forged' } as const);
		if (read.ok) [scan, code] = [scanParam, read.scan.code];
		else scanProblem = refusalMessages[`${read.reason}_scan`];
	}
	return {
		scan,
		scanProblem,
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
		const sessionId = Number(event.params.sessionId);
		const parsed = await parseForm(event.request, checkInForm);
		// checkInForm refuses nothing; a form that is not one at all is told the same as a wrong code.
		if (!parsed.ok) return fail(400, { intent: 'in' as const, message: '请输入屏幕上的 6 位数字签到码' });
		const { code, intent, location } = parsed.data;
		// A scan kept across the sign-in stands for the code it was made from (check-in-only), but
		// only while the field still holds the scanned code: a code typed over it is judged as typed.
		const rawScan = parsed.data.scan;
		const scan = intent === 'in' && rawScan !== undefined && rawScan.split('.')[1] === code ? rawScan.slice(0, 120) : undefined;
		if (!scan && !/^\d{6}$/.test(code)) return fail(400, { intent, message: '请输入屏幕上的 6 位数字签到码' });
		if (location === null) return fail(400, { intent, message: '位置信息格式不正确，请刷新页面后重试' });
		const { result, message } = await checkInFromRequest(event, user.id, { sessionId, code, intent, location, scan });
		if (!result.ok) return fail(400, { intent, message });
		return { intent, ok: message };
	}
} satisfies Actions;
