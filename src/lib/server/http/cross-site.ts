import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a state-changing request may come from another site, riding on the cookies of whoever
 * is signed in here. The one rule for every route: the handle hook (request-guard.ts) and the
 * routes answered before SvelteKit (fast-routes.ts) both ask it.
 *
 * - With an Origin, it must be the site's own. Browsers send Origin with every POST, PUT, PATCH
 *   and DELETE, same-site or not, so this decides nearly every request ("null", from sandboxed
 *   frames and cross-site redirects, is another site).
 * - Without one, a browser that sends Sec-Fetch-Site says where the request came from.
 * - Without either, a form-like body is refused as SvelteKit refuses it (an old browser's form
 *   post); anything else comes from a program — a script, curl — which holds no one else's
 *   cookies, so refusing it would protect no one.
 */
export function crossSite(headers: HeaderReader, siteOrigin: string): boolean {
	const from = headers.get('origin');
	if (from) return from !== siteOrigin;
	const fetchSite = headers.get('sec-fetch-site');
	if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
	return FORM_TYPES.has((headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase());
}

/**
 * The site's origin from ORIGIN, as adapter-node reads it to build every SvelteKit request's URL
 * (whose origin the hook compares with): 'https://host/' and 'https://host:443' are 'https://host'.
 * Undefined without a valid one: a route answered before SvelteKit then leaves the check to it.
 */
export function configuredOrigin(url: string | undefined): string | undefined {
	try {
		return url ? new URL(url).origin : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The site's origin for one request when ORIGIN is not set, as adapter-node builds it then: the
 * protocol from PROTOCOL_HEADER (else http) and the host from HOST_HEADER (else Host). So a demo
 * opened as 127.0.0.1 or from a phone on the LAN accepts its own forms, while another site's form
 * still carries its own Origin and is refused. Undefined without a host: leave it to SvelteKit.
 */
export function requestOrigin(headers: HeaderReader, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const protocol = (env.PROTOCOL_HEADER && headers.get(env.PROTOCOL_HEADER.toLowerCase())) || 'http';
	const host = headers.get((env.HOST_HEADER || 'host').toLowerCase());
	return host ? configuredOrigin(`${protocol}://${host}`) : undefined;
}

/** Web Headers, or a Node request's headers read through `nodeHeaders`. */
export type HeaderReader = { get(name: string): string | null | undefined };

export function nodeHeaders(headers: IncomingHttpHeaders): HeaderReader {
	return { get: (name) => { const v = headers[name]; return Array.isArray(v) ? v.join(', ') : v; } };
}

// The content types an HTML form (or a no-cors fetch) can send from another site.
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** Methods that change nothing: never checked. */
export const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

export const CROSS_SITE_MESSAGE = '禁止从其他网站提交请求';
