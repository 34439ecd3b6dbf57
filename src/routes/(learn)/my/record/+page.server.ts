import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = () => {
	redirect(303, `/records/${requireUser().id}`);
};
