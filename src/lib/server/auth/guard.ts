import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { can, scopePaths, type Action, type Scoped } from './authz';

/** The signed-in user, or a redirect to /login that comes back here. */
export function requireUser() {
	const { locals, url } = getRequestEvent();
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	// Imported accounts and reset passwords must be changed before anything else.
	if (locals.user.mustChangePassword && url.pathname !== '/account/password') redirect(303, '/account/password');
	return locals.user;
}

/** 403 unless the user may do `action` on `target`. */
export function authorize(action: Action, target: Scoped) {
	const user = requireUser();
	if (!can(user, action, target)) error(403, '您没有权限访问该内容');
	return user;
}

/** The subtrees where the user may do `action`; 403 if there are none. For list pages. */
export function requireScope(action: Action) {
	const user = requireUser();
	const paths = scopePaths(user, action);
	if (paths.length === 0) error(403, '您没有权限访问该页面');
	return { user, paths };
}

/** The user and their session (for actions that touch the session itself). */
export function requireSession() {
	const user = requireUser();
	const { session } = getRequestEvent().locals;
	if (!session) redirect(303, '/login');
	return { user, session };
}
