import type { IncomingMessage } from 'node:http';
import type { RequestEvent } from '@sveltejs/kit';

/**
 * The client's address as adapter-node's getClientAddress() reads it, the one rule of the site:
 * the routes answered before SvelteKit call it with the Node request, the SvelteKit routes
 * through requestAddress (below). The socket's peer, or with ADDRESS_HEADER set (behind a reverse proxy) that
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

type AddressEvent = Pick<RequestEvent, 'platform' | 'getClientAddress'>;

/** adapter-node hands every SvelteKit request its Node request as `platform.req`; `vite dev` does not. */
const nodeRequest = (event: AddressEvent) => (event.platform as { req?: IncomingMessage } | undefined)?.req;

/**
 * The client's address for the SvelteKit routes (sign-in throttling, check-in networks, the
 * verification limit), by the same rule as the routes answered before SvelteKit. Where that rule
 * finds none, adapter-node's getClientAddress() refuses the request with its own error.
 */
export function requestAddress(event: AddressEvent): string {
	const req = nodeRequest(event);
	return (req && clientAddress(req)) || event.getClientAddress();
}

/** The socket's peer, whatever a proxy header says: only this decides "from this machine" (/healthz). */
export function socketAddress(event: AddressEvent): string | undefined {
	const req = nodeRequest(event);
	return req ? req.socket.remoteAddress : event.getClientAddress();
}
