import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { rulesInEffect } from '$lib/server/development/context';
import { recordView } from '$lib/server/development/record-view';

// The person's own record (read-only) with their next steps, and the activists they mentor.
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const rules = await rulesInEffect(locals.db);
	const [view, mentees] = await Promise.all([
		recordView(locals.db, user.id, rules),
		locals.db
			.selectFrom('developmentSupporter as s')
			.innerJoin('person as p', 'p.id', 's.personId')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
			.select(['p.id', 'p.name', 'p.username', 'o.name as branchName', 'r.stage', 'r.stageSince', 's.role', 's.assignedOn'])
			.where('s.supporterId', '=', user.id)
			.where('s.endedOn', 'is', null)
			.orderBy('s.assignedOn', 'desc')
			.execute()
	]);
	return { view: view?.record ? { ...view, entries: view.entries.filter((e) => !e.voidedAt) } : null, mentees };
};
