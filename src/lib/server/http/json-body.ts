import { error, isHttpError } from '@sveltejs/kit';
import type { z } from 'zod';
import { MALFORMED_JSON_MESSAGE } from './guarded-request';

// Every endpoint that takes a JSON body reads it here, through one zod schema. JSON only: a
// form on another site cannot send application/json without the browser asking first.

export const NOT_JSON_MESSAGE = '请以 JSON 提交';

/**
 * The body read through `schema`, or an error the endpoint answers with: 415 when it is not
 * JSON, 400 with a Chinese message when it is malformed or does not fit (`message`: zod's own
 * messages are English, only the schema's field messages are meant for people). A refusal by the
 * hook's guard (413 past the route's limit) passes through as it is.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, message = '请求格式不正确'): Promise<z.output<S>> {
	if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) error(415, NOT_JSON_MESSAGE);
	let body: unknown;
	try {
		body = await request.json();
	} catch (e) {
		if (isHttpError(e)) throw e;
		error(400, MALFORMED_JSON_MESSAGE);
	}
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	// A field schema from fields.ts says in Chinese what is wrong with that field.
	const issue = parsed.error.issues.find((i) => /[\u4e00-\u9fff]/.test(i.message));
	error(400, issue?.message ?? message);
}
