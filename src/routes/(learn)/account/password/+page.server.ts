import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSession, requireUser } from '$lib/server/auth/guard';
import { changePassword } from '$lib/server/auth/account';

export const load: PageServerLoad = () => {
	const user = requireUser();
	return { forced: user.mustChangePassword };
};

export const actions = {
	default: async ({ request, locals }) => {
		const { user, session } = requireSession();
		const form = await request.formData();
		const result = await changePassword(locals.db, user.id, session.id, {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, '/?passwordChanged=1');
	}
} satisfies Actions;
