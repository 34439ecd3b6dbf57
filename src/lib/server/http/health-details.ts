// Who may read /healthz's details (engine, migrations, database errors): a request from this
// machine, judged by the socket's own address — a forwarded header can be sent by anyone — or
// one with `Authorization: Bearer $HEALTHZ_TOKEN`. Everyone else learns only ok or not.
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
// A proxy on this machine connects from loopback too: a request it forwarded is not local.
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export interface HealthRequest {
	/** The TCP peer (undefined when unknown, e.g. a Unix socket). */
	socketAddress: string | undefined;
	headers: Headers;
}

function bearerMatches(headers: Headers, token: string | undefined) {
	if (!token) return false;
	const given = /^Bearer (.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim();
	if (!given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(token);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function mayReadHealthDetails(request: HealthRequest, env: NodeJS.ProcessEnv = process.env): boolean {
	if (bearerMatches(request.headers, env.HEALTHZ_TOKEN?.trim())) return true;
	const forwarded = [...FORWARDED, env.ADDRESS_HEADER?.toLowerCase()].some((name) => name && request.headers.has(name));
	return !forwarded && LOOPBACK.test(request.socketAddress ?? '');
}
