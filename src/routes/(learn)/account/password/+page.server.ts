import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSession, requireUser } from '$lib/server/auth/guard';
import { changePassword } from '$lib/server/auth/account';
import { parseForm } from '$lib/validation/form';
import { text } from '$lib/validation/fields';

// Passwords are kept exactly as typed (no trimming); changePassword says what a new one must be.
// The bound only keeps a pasted novel from reaching the password hash.
const password = (label: string) => text(label, { max: 1024, trim: false }).default('');
const passwordForm = z.object({ current: password('当前密码'), next: password('新密码'), confirm: password('确认新密码') });

export const load: PageServerLoad = () => {
	const user = requireUser();
	return { forced: user.mustChangePassword };
};

export const actions = {
	default: async ({ request, locals }) => {
		const { user, session } = requireSession();
		const parsed = await parseForm(request, passwordForm);
		if (!parsed.ok) return parsed.failure;
		const result = await changePassword(locals.db, user.id, session.id, parsed.data);
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, '/?passwordChanged=1');
	}
} satisfies Actions;
