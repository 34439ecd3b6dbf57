import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { sessionFor } from '$lib/server/attendance/access';
import { projectorState } from '$lib/server/attendance/projector';
import { shanghaiRange } from '$lib/time/shanghai';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, Number(params.id), user);
	if (!access.run) error(403, '只有授课教师或考勤助理可以打开签到投影');
	return {
		session: { id: session.id, title: session.title, cohortName: session.cohortName, when: shanghaiRange(session.startsAt, session.endsAt), place: session.place },
		state: await projectorState(locals.db, session, url.origin)
	};
};
