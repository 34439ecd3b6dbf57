import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { myCohorts } from '$lib/server/cohorts/learner';
import { daysBetween, todayInShanghai } from '$lib/server/development/engine/dates';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const today = todayInShanghai();
	const cohorts = await myCohorts(locals.db, user.id);
	return {
		cohorts: cohorts.map((c) => ({
			...c,
			// Counting the last day itself: ending today leaves 1 day.
			daysLeft: c.endsOn >= today ? daysBetween(today, c.endsOn) + 1 : 0,
			started: c.startsOn <= today
		}))
	};
};
