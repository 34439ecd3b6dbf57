import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// 我的档案 lives at /my/profile with the rest of a person's own pages; old links still land.
export const load: PageServerLoad = () => {
	requireUser();
	redirect(303, '/my/profile');
};
