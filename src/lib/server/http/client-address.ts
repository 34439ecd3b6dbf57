import type { IncomingMessage } from 'node:http';

/**
 * The client's address as adapter-node's getClientAddress() reads it, for the routes answered
 * before SvelteKit: the socket's peer, or with ADDRESS_HEADER set (behind a reverse proxy) that
 * header, and for X-Forwarded-For the XFF_DEPTH-th address from the right. Undefined where
 * adapter-node would refuse the request (header configured but missing, depth out of range):
 * such a request is left to SvelteKit, which says why.
 */
export function clientAddress(req: IncomingMessage, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	if (!header) return req.socket.remoteAddress;
	const value = req.headers[header];
	if (value === undefined) return undefined;
	const text = Array.isArray(value) ? value.join(',') : value;
	if (header !== 'x-forwarded-for') return text;
	const depth = parseInt(env.XFF_DEPTH ?? '1', 10);
	const addresses = text.split(',');
	if (!(depth >= 1) || depth > addresses.length) return undefined;
	return addresses[addresses.length - depth].trim();
}
