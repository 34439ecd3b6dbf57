// A safety net under the forms' own validation: when PostgreSQL refuses a value itself (a data
// exception, SQLSTATE class 22: NUL in text, a date that does not exist, a number beyond its
// type; or 23503, a reference to a row that is not there), the request was bad input, so it is
// answered 400 with a Chinese message instead of 500. Nothing was written: the statement failed.
// SvelteKit asks handleError for the message and sends 500; the handle wrapper corrects the status.
import type { Handle, HandleServerError } from '@sveltejs/kit';

export const BAD_INPUT_MESSAGE = '提交的内容无法保存：其中有无效的字符、日期或数值，或引用了不存在的记录。请检查后重试';

/** The SQLSTATE of a PostgreSQL error from postgres.js or PGlite (both put it in `code`). */
function sqlState(error: unknown): string | null {
	let e: unknown = error;
	// Kysely and our own wrappers may keep the driver's error as the cause.
	for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
		e = (e as { cause?: unknown }).cause;
	}
	return null;
}

/** Whether PostgreSQL refused the request's data (and not, say, a lost connection). */
export function isBadInputError(error: unknown) {
	const state = sqlState(error);
	return state !== null && (state.startsWith('22') || state === '23503');
}

// Requests whose error was the data's (the same Request object reaches handle and handleError).
const refusedData = new WeakSet<Request>();

/** For handleError: the Chinese message, or undefined when the error is not bad input. */
export const badInputError = (({ error, event }) => {
	if (!isBadInputError(error)) return undefined;
	refusedData.add(event.request);
	console.warn(`[db] 拒绝了无效输入 ${event.request.method} ${event.url.pathname}: ${sqlState(error)} ${(error as Error).message}`);
	return { message: BAD_INPUT_MESSAGE };
}) satisfies HandleServerError;

/**
 * Marks an answer the net gave: the form or endpoint should have refused the value itself, with a
 * message naming the field, so the bad-input e2e spec counts these as failures.
 */
export const REFUSED_BY_DATABASE_HEADER = 'x-refused-by';

/** Around the site's handle: SvelteKit's error page or JSON for such a request, as a 400. */
export function answeringBadInput(handle: Handle): Handle {
	return async (input) => {
		const response = await handle(input);
		if (response.status !== 500 || !refusedData.has(input.event.request)) return response;
		const headers = new Headers(response.headers);
		headers.set(REFUSED_BY_DATABASE_HEADER, 'database');
		return new Response(response.body, { status: 400, headers });
	};
}
