import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { canSomewhere, schoolWide, scopePaths } from '$lib/server/auth/authz';
import { cohortViewPaths } from '$lib/server/cohorts/access';
import { intParam, parsePaging } from '$lib/server/http/paging';
import { editableCohorts, listSessions, visibleCohorts } from '$lib/server/attendance/lists';
import { sessionKindLabels } from '$lib/server/attendance/labels';
import { shanghaiRange } from '$lib/time/shanghai';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const viewPaths = cohortViewPaths(user);
	const cohorts = await visibleCohorts(locals.db, user.id, viewPaths);
	if (cohorts.length === 0 && viewPaths.length === 0 && !canSomewhere(user, 'cohort.teach')) error(403, '您没有可管理的集中授课');
	const wanted = intParam(url, 'cohort');
	const cohortId = cohorts.some((c) => c.id === wanted) ? wanted : undefined;
	const whenParam = url.searchParams.get('when');
	const when = whenParam === 'past' || whenParam === 'all' ? whenParam : 'upcoming';
	const q = url.searchParams.get('q')?.trim() || undefined;
	const paging = parsePaging(url);
	const [result, editable] = await Promise.all([
		listSessions(locals.db, { userId: user.id, viewPaths, cohortId, when: when === 'all' ? undefined : when, q, ...paging }),
		editableCohorts(locals.db, user.id, scopePaths(user, 'session.manage'))
	]);
	return {
		rows: result.rows.map((r) => ({
			id: r.id,
			title: r.title,
			kind: sessionKindLabels[r.kind],
			when: shanghaiRange(r.startsAt, r.endsAt),
			place: r.place,
			cancelled: r.status === 'cancelled',
			cohortName: r.cohortName,
			instructorName: r.instructorName,
			attended: r.attended,
			enrolled: r.enrolled
		})),
		total: result.total,
		...paging,
		cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
		filters: { q: q ?? '', cohort: cohortId ?? null, when },
		canCreate: editable.length > 0,
		canSettings: schoolWide(user, 'settings.manage'),
		created: intParam(url, 'created') ?? null
	};
};
