import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// Work on other people's records. Signed in is all this layout can require: relations open some
// pages to people who hold no role (a named attendance assistant runs a session, a mentor writes
// an opinion), so each page and action asks authz for role and scope itself.
export const load: LayoutServerLoad = () => {
	requireUser();
	return {};
};
