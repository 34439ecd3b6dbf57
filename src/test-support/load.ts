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

/**
 * Runs one of a route's form actions as SvelteKit would: a POST with `fields` (texts and files) as its form body,
 * for a signed-in user. Returns what the action returned (a fail() is an ActionFailure).
 */
export function runAction<T>(
	action: (event: never) => T,
	input: { db: Db; user: AuthUser; path: string; params?: Record<string, string>; fields: Record<string, string | File | (string | File)[]> }
) {
	const url = new URL(input.path, 'http://localhost');
	const body = new FormData();
	for (const [name, value] of Object.entries(input.fields)) for (const v of [value].flat()) body.append(name, v);
	const request = new Request(url, { method: 'POST', body });
	const event = {
		locals: { db: input.db, user: input.user, session: null, arrivedAt: Date.now() },
		params: input.params ?? {},
		url,
		request,
		route: { id: null },
		setHeaders: () => {},
		cookies: { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} },
		getClientAddress: () => '127.0.0.1',
		isDataRequest: false,
		isSubRequest: false
	};
	return (with_request_store as <R>(store: unknown, fn: () => R) => R)({ event, state: {} }, () => action(event as never));
}
