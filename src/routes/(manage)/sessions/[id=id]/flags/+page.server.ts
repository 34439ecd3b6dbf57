import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { sessionFor } from '$lib/server/attendance/access';
import { sessionFlags } from '$lib/server/attendance/live';
import { flagKindLabels } from '$lib/server/attendance/labels';
import { flagNote } from '$lib/server/attendance/flag-notes';
import { shanghaiDayTime, shanghaiRange } from '$lib/time/shanghai';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, Number(params.id), user);
	if (!access.mark) error(403, '只有授课教师或考勤助理可以查看异常记录');
	const paging = parsePaging(url, 50);
	const { rows, total } = await sessionFlags(locals.db, session.id, paging.page, paging.pageSize);
	return {
		session: { id: session.id, title: session.title, when: shanghaiRange(session.startsAt, session.endsAt) },
		rows: rows.map((r) => ({
			id: r.id,
			at: shanghaiDayTime(r.at),
			kind: flagKindLabels[r.kind],
			note: flagNote(r.kind, r.detail, r.ip),
			name: r.name,
			username: r.username,
			ip: r.ip ?? '',
			device: r.deviceId?.slice(0, 6) ?? '',
			userAgent: r.userAgent ?? ''
		})),
		total,
		...paging
	};
};
