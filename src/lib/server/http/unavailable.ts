// While the database is down, every request answers 503 with a Chinese message (and
// Retry-After), at once: not a 500, and not a request that hangs until PostgreSQL is back.
// SvelteKit answers an error thrown by a load, action or endpoint with 500 and asks
// handleError for its message; the handle wrapper below turns those answers into 503s.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '$lib/server/db/unavailable';

const RETRY_AFTER_SECONDS = '5';
// Requests whose error handleError found to be the database's. handleError may get another event
// object than handle did, with the same request; the event too, in case a hook replaces the request.
const failedOnDatabase = new WeakSet<object>();

/** SvelteKit's own 404: no route matches, e.g. an id the `id` param matcher refuses (/exams/abc). */
export const NOT_FOUND_MESSAGE = '页面不存在，请检查网址是否正确';

export const handleServerError: HandleServerError = ({ error, event, status, message }) => {
	// Not a fault of the server: said in Chinese, and not logged as an error.
	if (status === 404) return { message: NOT_FOUND_MESSAGE };
	if (isDatabaseUnavailable(error)) {
		failedOnDatabase.add(event.request).add(event);
		return { message: DATABASE_UNAVAILABLE_MESSAGE };
	}
	console.error(error); // what SvelteKit does without a handleError
	return { message };
};

/** The answer for an error thrown before SvelteKit rendered anything (e.g. in the session check). */
function unavailableResponse(request: Request) {
	const headers = { 'retry-after': RETRY_AFTER_SECONDS, 'cache-control': 'no-store' };
	if (!(request.headers.get('accept') ?? '').includes('text/html')) {
		return Response.json({ message: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers });
	}
	const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>暂时无法访问</title></head><body><h1>503</h1><p>${DATABASE_UNAVAILABLE_MESSAGE}</p></body></html>`;
	return new Response(html, { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

export function answeringUnavailable(handle: Handle): Handle {
	return async (input) => {
		let response: Response;
		try {
			response = await handle(input);
		} catch (error) {
			if (!isDatabaseUnavailable(error)) throw error;
			return unavailableResponse(input.event.request);
		}
		if (!failedOnDatabase.has(input.event.request) && !failedOnDatabase.has(input.event)) return response;
		// SvelteKit's own error page or JSON, with the status it should have had.
		const headers = new Headers(response.headers);
		headers.set('retry-after', RETRY_AFTER_SECONDS);
		headers.set('cache-control', 'no-store');
		return new Response(response.body, { status: 503, headers });
	};
}
