import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// Everything here is one's own study: signed in, nothing more. Each page still asks authz for
// what it shows (a learner's own cohort, exam, certificate); actions do not run this load.
export const load: LayoutServerLoad = ({ locals, route }) => {
	// A signed-out QR scan: the page verifies the code first and signs the scan into the login redirect.
	if (!locals.user && route.id === '/(learn)/checkin/[sessionId=id]') return {};
	requireUser();
	return {};
};
