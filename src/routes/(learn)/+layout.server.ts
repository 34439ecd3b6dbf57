import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// Everything here is one's own study: signed in, nothing more. Each page still asks authz for
// what it shows (a learner's own cohort, exam, certificate); actions do not run this load.
export const load: LayoutServerLoad = () => {
	requireUser();
	return {};
};
