import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookie';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions = {
	default: async (event) => {
		if (event.locals.session) await invalidateSession(event.locals.db, event.locals.session.id);
		deleteSessionCookie(event);
		redirect(303, '/login');
	}
} satisfies Actions;
