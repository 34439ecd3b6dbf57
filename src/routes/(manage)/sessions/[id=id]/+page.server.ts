import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { sessionFor } from '$lib/server/attendance/access';
import { markAttendance, sessionRoster, statusCounts } from '$lib/server/attendance/marking';
import { decideLeave, leaveRequests } from '$lib/server/attendance/leave';
import { attendanceStatusLabels, leaveStatusLabels, options, sessionKindLabels } from '$lib/server/attendance/labels';
import { attendanceStatuses, type AttendanceStatus } from '$lib/server/attendance/tables';
import { field, id, optionalText, parseId } from '$lib/validation/fields';
import { markInput } from '$lib/server/attendance/schema';
import { parseForm } from '$lib/validation/form';
import { z } from 'zod';
import { checkInClosesAt, checkInOpensAt, lateFrom } from '$lib/server/attendance/rules';
import { shanghaiDayTime, shanghaiRange, shanghaiTime } from '$lib/time/shanghai';
import { deviceLabel } from '$lib/server/attendance/device';
import { campusNetworks } from '$lib/server/attendance/campus';
import { placeRuleText } from '$lib/server/attendance/place-text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, Number(params.id), user);
	// An ended session is closed by the one-minute job (jobs.ts), not by this GET.
	const q = url.searchParams.get('q')?.trim() || undefined;
	const rawStatus = url.searchParams.get('status') ?? '';
	const status = rawStatus === 'unmarked' || (attendanceStatuses as readonly string[]).includes(rawStatus) ? (rawStatus as AttendanceStatus | 'unmarked') : undefined;
	const paging = parsePaging(url, 50);
	const [roster, counts, leaves, campus] = await Promise.all([
		sessionRoster(locals.db, { sessionId: session.id, cohortId: session.cohortId, learnerPaths: access.learnerPaths, q, status, ...paging }),
		statusCounts(locals.db, session.id, session.cohortId, access.learnerPaths),
		leaveRequests(locals.db, session.id, access.learnerPaths),
		campusNetworks(locals.db)
	]);
	return {
		session: {
			id: session.id,
			title: session.title,
			kind: sessionKindLabels[session.kind],
			cohortId: session.cohortId,
			cohortName: session.cohortName,
			when: shanghaiRange(session.startsAt, session.endsAt),
			place: session.place,
			instructorName: session.instructorName,
			creditHours: Number(session.creditHours),
			cancelled: session.status === 'cancelled',
			checkIn: `${shanghaiTime(checkInOpensAt(session))} 开放，${shanghaiTime(lateFrom(session))} 后记为迟到，${shanghaiTime(checkInClosesAt(session))} 截止`,
			checkoutRequired: session.checkoutRequired,
			codeSeconds: session.codeSeconds,
			checkInPlace: placeRuleText({ ...session, campusNetworks: campus }),
			notice: session.notice,
			noticeAt: session.noticeAt ? shanghaiDayTime(session.noticeAt) : null,
			closed: session.closedAt !== null
		},
		access: { edit: access.edit, run: access.run },
		counts,
		roster: roster.rows.map((r) => ({
			personId: r.personId,
			username: r.username,
			name: r.name,
			orgName: r.orgName,
			status: r.status,
			statusLabel: r.status ? attendanceStatusLabels[r.status] : '未签到',
			checkedInAt: r.checkedInAt ? shanghaiTime(r.checkedInAt) : '',
			checkedOutAt: r.checkedOutAt ? shanghaiTime(r.checkedOutAt) : '',
			device: access.run ? deviceLabel(r.deviceId) : '',
			ip: access.run ? (r.ip ?? '') : '',
			reason: r.reason ?? '',
			markedBy: r.source === 'manual' ? (r.markedByName ?? '') : '',
			source: r.source,
			leaveStatus: r.leaveStatus ? leaveStatusLabels[r.leaveStatus] : ''
		})),
		total: roster.total,
		...paging,
		filters: { q: q ?? '', status: status ?? '' },
		leaves: leaves.map((l) => ({
			id: l.id,
			name: l.name,
			username: l.username,
			orgName: l.orgName,
			reason: l.reason,
			status: l.status,
			statusLabel: leaveStatusLabels[l.status],
			requestedAt: shanghaiDayTime(l.requestedAt),
			decidedByName: l.decidedByName,
			decisionNote: l.decisionNote,
			fileId: l.fileId,
			fileName: l.fileName
		})),
		statusOptions: options(attendanceStatusLabels)
	};
};

async function runnable(locals: App.Locals, id: number, may: 'mark' | 'decideLeave') {
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, id, user);
	if (!access[may]) error(403, '只有授课教师或考勤助理可以登记考勤');
	return { user, session };
}

const decisionForm = z.object({
	requestId: id('请假申请'),
	decision: z.enum(['approve', 'refuse'], { error: '请求格式不正确' }),
	note: optionalText('审批意见', 200)
});

export const actions = {
	mark: async ({ locals, params, request }) => {
		const { user, session } = await runnable(locals, Number(params.id), 'mark');
		const parsed = await parseForm(request, markInput);
		if (!parsed.ok) return fail(400, { action: 'mark', personId: parseId(field(parsed.form, 'personId')) ?? 0, message: parsed.message });
		// An assistant may also be a learner of the cohort: nobody marks their own attendance.
		if (parsed.data.personId === user.id) return fail(400, { action: 'mark', personId: user.id, message: '不能为自己登记考勤' });
		const ok = await markAttendance(locals.db, user.id, { sessionId: session.id, ...parsed.data });
		if (!ok) return fail(400, { action: 'mark', personId: parsed.data.personId, message: '该人员不是本培训班的学员' });
		return { action: 'mark', personId: parsed.data.personId, ok: `已登记为${attendanceStatusLabels[parsed.data.status]}` };
	},
	leave: async ({ locals, params, request }) => {
		const { user, session } = await runnable(locals, Number(params.id), 'decideLeave');
		const parsed = await parseForm(request, decisionForm);
		// The id and decision come from the page's buttons, not from typing: a wrong one is a forged request.
		if (!parsed.ok) return fail(400, { action: 'leave', message: parsed.errors.requestId || parsed.errors.decision ? '请求格式不正确' : parsed.message });
		const { requestId, decision, note } = parsed.data;
		const own = await locals.db.selectFrom('leaveRequest').select('personId').where('id', '=', requestId).executeTakeFirst();
		if (own?.personId === user.id) return fail(400, { action: 'leave', message: '不能审批自己的请假申请' });
		const ok = await decideLeave(locals.db, user.id, session.id, requestId, decision === 'approve', note);
		if (!ok) return fail(400, { action: 'leave', message: '该请假申请已不存在' });
		return { action: 'leave', ok: decision === 'approve' ? '已批准请假，并登记为请假' : '已驳回请假申请' };
	}
} satisfies Actions;
