import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { SESSION_COOKIE } from '../auth/session';
import { answerHeartbeat } from '../study/heartbeat-answer';
import { tracked } from './in-flight';
import { configuredOrigin, crossSite, nodeHeaders, requestOrigin } from './cross-site';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable';

/**
 * Requests the production server answers before SvelteKit sees them: the two busiest and
 * simplest, where SvelteKit's per-request machinery (Web Request/Response objects, body
 * streams, hooks, routing, page rendering) costs more than the work itself.
 *
 * - Study heartbeats (below): every open lesson beats every 15 s while a cohort studies.
 * - The public certificate verification page (certificates/verify-route.ts): scanned from
 *   every printed certificate's QR code, by anyone.
 *
 * Each answer is computed by the same functions as the SvelteKit route it stands in for
 * (answerHeartbeat, verifyPageLookup and the page's components), so the paths cannot drift
 * apart. The app's init installs the routes here; scripts/serve.js puts them in front of
 * adapter-node's handler. Under `vite dev` or a bare `node build` SvelteKit's routes answer.
 * Which exist, what they gained and how they stay equal to their SvelteKit routes: README.md.
 */
export type FastRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

const INSTALLED = Symbol.for('dangxiao.fastRoute');

/** The first route that takes a request answers it; a request none takes goes to SvelteKit. */
export function installFastRoutes(routes: FastRoute[]) {
	const route: FastRoute = (req, res) => routes.some((take) => take(req, res));
	(globalThis as Record<symbol, unknown>)[INSTALLED] = route;
}

const HEARTBEAT_PATH = '/api/study/heartbeat';
const MAX_BODY_BYTES = 16_384;
const TOKEN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`);

/** Study heartbeats, answered as /api/study/heartbeat answers them. */
export function heartbeatRoute(db: Kysely<Database>, configured: string | undefined): FastRoute {
	const configuredSite = configuredOrigin(configured);
	return (req, res) => {
		if (req.method !== 'POST' || req.url !== HEARTBEAT_PATH) return false;
		// Without ORIGIN, the site is the address the request was made to, as for SvelteKit's routes.
		const origin = configuredSite ?? requestOrigin(nodeHeaders(req.headers));
		if (!origin) return false;
		void tracked(async () => {
			let answer;
			if (crossSite(nodeHeaders(req.headers), origin)) {
				answer = { status: 403, body: { message: '禁止从其他网站提交学习记录' } };
				req.resume();
			} else {
				const text = await readBody(req);
				if (text === undefined) return; // the client went away
				answer = text === null ? { status: 400, body: { message: '心跳数据过大' } } : await answerHeartbeat(db, tokenOf(req.headers.cookie), text);
			}
			send(res, answer.status, answer.body);
		}).catch((err: unknown) => {
			// The same answer the SvelteKit route gives while PostgreSQL is down: the tab resends later.
			if (isDatabaseUnavailable(err)) {
				if (!res.headersSent) send(res, 503, { message: DATABASE_UNAVAILABLE_MESSAGE });
				return;
			}
			console.error('[heartbeat]', err);
			if (!res.headersSent) send(res, 500, { message: '服务器内部错误，请稍后重试' });
		});
		return true;
	};
}

export function tokenOf(cookie: string | undefined) {
	const match = cookie ? TOKEN.exec(cookie) : null;
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return undefined;
	}
}

/** The body as text; null past the limit (the rest is drained, not kept); undefined if the client went away. */
export function readBody(req: IncomingMessage): Promise<string | null | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks, size).toString('utf8')));
		// After 'end' this changes nothing; before it, the request was aborted.
		req.on('close', () => resolve(undefined));
		req.on('error', () => resolve(undefined));
	});
}

export function send(res: ServerResponse, status: number, body: Record<string, unknown>) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin'
	});
	res.end(text);
}
