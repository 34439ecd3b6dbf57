// @ts-expect-error kit's internal entry (where SvelteKit itself sets the request event) ships no types
import { with_request_store } from '@sveltejs/kit/internal/server';
import type { AuthUser } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';

/**
 * Runs a route's server `load` as SvelteKit would for a signed-in user: the real function on
 * the test database, with the request event that `requireUser()` reads.
 */
export function runLoad<T>(load: (event: never) => T, input: { db: Db; user: AuthUser; path: string; params?: Record<string, string> }) {
	const url = new URL(input.path, 'http://localhost');
	const event = {
		locals: { db: input.db, user: input.user, session: null, arrivedAt: Date.now() },
		params: input.params ?? {},
		url,
		request: new Request(url),
		route: { id: null },
		setHeaders: () => {},
		cookies: { get: () => undefined, getAll: () => [] },
		depends: () => {},
		parent: async () => ({}),
		untrack: <R>(fn: () => R) => fn(),
		isDataRequest: false,
		isSubRequest: false
	};
	return (with_request_store as <R>(store: unknown, fn: () => R) => R)({ event, state: {} }, () => load(event as never));
}
