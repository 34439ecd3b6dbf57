import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { clientCan, type ApiClient } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { checkToken } from './tokens';
import { isUsername, parseListQuery, MAX_LIMIT } from './query';
import { certificates, developmentStages, trainingRecords } from './records';

// GET /api/v1/…: token, rate limit, query, authorization by the token's units, one audit entry.
// Every answer is JSON; every refusal says why in Chinese under `error`.

export const API_PREFIX = '/api/v1/';

export const messages = {
	missing: '缺少访问令牌：请在请求头中写 Authorization: Bearer <令牌>',
	unknown: '访问令牌无效',
	revoked: '该访问令牌已被撤销',
	notFound: '未找到该人员，或其不在本令牌可读取的范围内',
	noRoute: '没有这个接口：接口说明见 /api/docs',
	limited: (n: number) => `请求过于频繁：本令牌每分钟最多 ${n} 次，请稍后再试`
};

const lists = { 'training-records': trainingRecords, certificates, 'development-stages': developmentStages } as const;
type ListName = keyof typeof lists;
const isList = (name: string): name is ListName => Object.hasOwn(lists, name);

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});
}
const refuse = (status: number, error: string, headers?: Record<string, string>) => answer(status, { error }, headers);

function bearer(request: Request) {
	const header = request.headers.get('authorization');
	const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
	return m ? m[1] : null;
}

async function read(db: Kysely<Database>, client: ApiClient, path: string, params: URLSearchParams, now: Date): Promise<{ status: number; body: unknown }> {
	const fail = (status: number, error: string) => ({ status, body: { error } });
	const parts = path.split('/');
	if (parts.length === 1 && isList(parts[0])) {
		const q = parseListQuery(params);
		if (!q.ok) return fail(400, q.message);
		return { status: 200, body: await lists[parts[0]](db, client, q.value, now) };
	}
	if (parts.length === 2 && parts[0] === 'people') {
		if ([...params.keys()].length > 0) return fail(400, '该接口不接受查询参数');
		let username: string;
		try {
			username = decodeURIComponent(parts[1]);
		} catch {
			return fail(400, '人员编号须为学号或工号');
		}
		if (!isUsername(username)) return fail(400, '人员编号须为学号或工号');
		const person = await db
			.selectFrom('person as p')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.select(['p.id', 'o.path'])
			.where('p.username', '=', username)
			.executeTakeFirst();
		// Outside the token's units a person is as absent as one who does not exist.
		if (!person || !clientCan(client, 'person.view', { orgPath: person.path })) return fail(404, messages.notFound);
		const one = { cursor: null, limit: MAX_LIMIT, person: username };
		const [training, certs, development] = await Promise.all([
			trainingRecords(db, client, one, now),
			certificates(db, client, one, now),
			developmentStages(db, client, one)
		]);
		return {
			status: 200,
			body: { username, trainingRecord: training.data[0] ?? null, certificates: certs.data, development: development.data[0] ?? null }
		};
	}
	return fail(404, messages.noRoute);
}

/** Answers one request to the API; `now` is the clock (the rate limit's minute). */
export async function apiRequest(db: Kysely<Database>, request: Request, now = new Date()): Promise<Response> {
	const url = new URL(request.url);
	const token = bearer(request);
	const wwwAuth = { 'www-authenticate': 'Bearer realm="dangxiao-api"' };
	if (!token) return refuse(401, messages.missing, wwwAuth);
	const check = await checkToken(db, token, now);
	if (!check.ok) return refuse(401, messages[check.reason], wwwAuth);
	if (check.hits > check.limit) {
		const retry = 60 - Math.floor((now.getTime() % 60_000) / 1000);
		return refuse(429, messages.limited(check.limit), { 'retry-after': String(retry) });
	}
	const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length).replace(/\/$/, '') : '';
	const result = await read(db, check.client, path, url.searchParams, now);
	const rows = Array.isArray((result.body as { data?: unknown }).data) ? (result.body as { data: unknown[] }).data.length : undefined;
	// One entry per answered request: who read what, and how much. Refused tokens and requests
	// over the limit are not entered (nobody to name; the counter already holds them).
	await transact(db, (trx) =>
		appendAudit(trx, {
			actorId: null,
			action: 'api.read',
			entityType: 'api_client',
			entityId: check.client.id,
			after: { path: url.pathname.slice(0, 200), query: url.search.slice(0, 200), status: result.status, ...(rows === undefined ? {} : { rows }) }
		})
	);
	return answer(result.status, result.body);
}
