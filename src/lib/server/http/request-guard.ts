import { bodyLimit, tooLargeMessage } from './body-limit';
import { CROSS_SITE_MESSAGE, crossSite, isSafeMethod } from './cross-site';
import { GuardedRequest } from './guarded-request';

/**
 * What the handle hook asks of every request before anything else runs: a state-changing
 * request from another site is refused (403), a body declared larger than its route allows is
 * refused before a byte of it is read (413), and the rest gets a request whose body is bounded
 * and whose parse errors are 400s (GuardedRequest). Returns the refusal, or puts the guarded
 * request in the event and returns undefined.
 */
export function guardRequest(event: { request: Request; readonly url: URL; readonly route: { id: string | null } }): Response | undefined {
	const { request } = event;
	if (isSafeMethod(request.method)) return undefined;
	if (crossSite(request.headers, event.url.origin)) return refusal(request, 403, CROSS_SITE_MESSAGE);
	const limit = bodyLimit(event.route.id);
	const declared = request.headers.get('content-length');
	// Closing the connection drops whatever the client still sends of the body.
	if (declared !== null && Number(declared) > limit) return refusal(request, 413, tooLargeMessage(limit), { connection: 'close' });
	// With a Content-Length, Node reads no more than it says (adapter-node refuses a longer body);
	// without one (chunked), only counting stops it.
	event.request = new GuardedRequest(request, limit, declared === null);
	return undefined;
}

/** In the shape the sender reads: an enhanced form's action result, a page, or JSON for scripts. */
function refusal(request: Request, status: number, message: string, headers: Record<string, string> = {}) {
	const init = { status, headers: { 'cache-control': 'no-store', ...headers } };
	if (request.headers.get('x-sveltekit-action') === 'true') return Response.json({ type: 'error', status, error: { message } }, init);
	if ((request.headers.get('accept') ?? '').includes('text/html')) {
		return new Response(message, { ...init, headers: { ...init.headers, 'content-type': 'text/plain; charset=utf-8' } });
	}
	return Response.json({ message }, init);
}

/** Headers every answer carries; the page's Content-Security-Policy comes from kit.csp. */
export function withSecurityHeaders(response: Response, url: URL) {
	const { headers } = response;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	// For browsers without CSP frame-ancestors, and for answers SvelteKit gives no CSP (files, JSON).
	headers.set('x-frame-options', 'DENY');
	// Only where the site is served over https (ORIGIN): on http it would be ignored, and a
	// local trial must stay reachable. Not includeSubDomains: the school's other hosts are not ours.
	if (url.protocol === 'https:') headers.set('strict-transport-security', 'max-age=31536000');
	return response;
}
