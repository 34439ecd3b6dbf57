import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// The training record's old address, kept for links already shared.
export const load: PageServerLoad = () => {
	requireUser();
	redirect(303, '/my/record');
};
