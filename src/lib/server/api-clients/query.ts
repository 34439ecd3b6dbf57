import { isRowId } from '$lib/validation/row-id';

// The query string of a list, read once at the boundary. Anything unexpected is a 400 that says
// what was wrong, in Chinese: a typo in a parameter name must not silently return everything.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface ListQuery {
	/** the last key of the previous page */
	cursor: number | null;
	limit: number;
	/** one person's 学号/工号 */
	person: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
export const isUsername = (v: string) => USERNAME.test(v);

export function parseListQuery(params: URLSearchParams): Parsed<ListQuery> {
	const names = [...params.keys()];
	const unknown = names.find((n) => !['cursor', 'limit', 'person'].includes(n));
	if (unknown !== undefined) return { ok: false, message: `不支持的查询参数「${unknown.slice(0, 40)}」：只能使用 cursor、limit、person` };
	const repeated = names.find((n, i) => names.indexOf(n) !== i);
	if (repeated !== undefined) return { ok: false, message: `查询参数「${repeated}」只能出现一次` };
	const cursor = params.get('cursor');
	if (cursor !== null && !isRowId(cursor)) return { ok: false, message: 'cursor 无效：请使用上一页返回的 nextCursor' };
	const limit = params.get('limit');
	if (limit !== null && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_LIMIT))
		return { ok: false, message: `limit 须为 1 到 ${MAX_LIMIT} 之间的整数` };
	const person = params.get('person');
	if (person !== null && !isUsername(person)) return { ok: false, message: 'person 须为学号或工号' };
	return { ok: true, value: { cursor: cursor === null ? null : Number(cursor), limit: limit === null ? DEFAULT_LIMIT : Number(limit), person } };
}
