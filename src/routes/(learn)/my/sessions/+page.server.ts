import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { historyFor, upcomingFor } from '$lib/server/attendance/learner';
import { summaryRows } from '$lib/server/attendance/summary';
import { assistedCohorts } from '$lib/server/attendance/assistants';
import { attendanceStatusLabels, learnerSessionHeading, leaveStatusLabels, sessionKindLabels } from '$lib/server/attendance/labels';
import { checkInOpensAt, creditedStatuses, sessionClosesAt } from '$lib/server/attendance/rules';
import { shanghaiDayTime, shanghaiRange, shanghaiTime } from '$lib/time/shanghai';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const now = new Date();
	const paging = parsePaging(url, 20);
	const [upcoming, history, summary, assisted] = await Promise.all([
		upcomingFor(locals.db, user.id, now),
		historyFor(locals.db, user.id, paging.page, paging.pageSize),
		summaryRows(locals.db, { personId: user.id }),
		assistedCohorts(locals.db, user.id)
	]);
	return {
		upcoming: upcoming.map((s) => ({
			...learnerSessionHeading(s),
			checkInOpen: s.status === 'scheduled' && checkInOpensAt(s) <= now && sessionClosesAt(s) > now,
			checkInFrom: shanghaiDayTime(checkInOpensAt(s)),
			myStatus: s.attendanceStatus ? attendanceStatusLabels[s.attendanceStatus] : null,
			checkedInAt: s.checkedInAt ? shanghaiTime(s.checkedInAt) : null,
			leaveStatus: s.leaveStatus ? leaveStatusLabels[s.leaveStatus] : null,
			canAskLeave: s.status === 'scheduled' && s.startsAt > now && s.leaveStatus !== 'approved' && !s.attendanceStatus
		})),
		history: history.rows.map((r) => ({
			id: r.id,
			title: r.title,
			kind: sessionKindLabels[r.kind],
			when: shanghaiRange(r.startsAt, r.endsAt),
			cohortName: r.cohortName,
			status: r.status,
			statusLabel: attendanceStatusLabels[r.status],
			checkedInAt: r.checkedInAt ? shanghaiTime(r.checkedInAt) : '',
			checkedOutAt: r.checkedOutAt ? shanghaiTime(r.checkedOutAt) : '',
			reason: r.source === 'checkin' ? '' : (r.reason ?? ''),
			hours: creditedStatuses.includes(r.status) ? Number(r.creditHours) : 0
		})),
		total: history.total,
		...paging,
		summary: summary.map((s) => ({ ...s })),
		assisted
	};
};
