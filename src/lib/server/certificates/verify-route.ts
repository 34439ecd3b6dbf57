import type { Kysely } from 'kysely';
import { render } from 'svelte/server';
import type { Database } from '../db/schema';
import type { FastRoute } from '../http/fast-routes';
import { clientAddress } from '../http/client-address';
import { tracked } from '../http/in-flight';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable';
import { cspHeader } from '../http/csp.js';
import { NOT_FOUND_MESSAGE, RATE_LIMITED_MESSAGE, verifyPageLookup, type PublicCertificate } from './verify';
import VerifyDocument from '$lib/components/certificates/VerifyDocument.svelte';
import template from '../../../app.html?raw';
// Inline, not linked: a scan is mostly a phone's first and only visit, and SvelteKit's hashed
// stylesheet name is not known outside its page machinery.
import stylesheet from '../../../app.css?inline';

/**
 * GET /verify/<code>, answered before SvelteKit (see http/fast-routes.ts): the public page every
 * printed certificate's QR code opens. It is the site's simplest page — one statement (count
 * the hit, read the limit, look the code up: verifyPageLookup, as the SvelteKit load does), no
 * session, no JavaScript — so SvelteKit's page machinery was most of its cost; here it is the
 * same components rendered by Svelte into app.html, as SvelteKit renders them.
 *
 * Everything else under /verify (the upload form's POST, HEAD, a malformed code, a trailing
 * slash, a request adapter-node would refuse for its address) is left to SvelteKit.
 */
const CSP = cspHeader();
const PATH = /^\/verify\/([a-z2-7]{32})(?:\?|$)/;

export function verifyRoute(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env): FastRoute {
	// As the handle hook sends it (http/request-guard.ts): only where the site is served over https.
	const hsts = env.ORIGIN?.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000' } : {};
	return (req, res) => {
		const match = req.method === 'GET' ? PATH.exec(req.url ?? '') : null;
		const ip = match ? clientAddress(req, env) : undefined;
		if (!match || ip === undefined) return false;
		void tracked(async () => {
			const { allowed, certificate } = await verifyPageLookup(db, ip, match[1]);
			const status = !allowed ? 429 : certificate ? 200 : 404;
			const html = verifyPage(certificate, status === 200 ? null : { status, message: status === 429 ? RATE_LIMITED_MESSAGE : NOT_FOUND_MESSAGE });
			res.writeHead(status, {
				'content-type': 'text/html; charset=utf-8',
				'content-length': Buffer.byteLength(html),
				'cache-control': 'no-store',
				'x-robots-tag': 'noindex',
				'x-content-type-options': 'nosniff',
				'referrer-policy': 'same-origin',
				// The policy SvelteKit gives its pages; this page runs no script, so it needs no nonce.
				'content-security-policy': CSP,
				'x-frame-options': 'DENY',
				...hsts
			});
			res.end(html);
		}).catch((err: unknown) => {
			const down = isDatabaseUnavailable(err);
			if (!down) console.error('[verify]', err);
			if (res.headersSent) res.destroy();
			else if (down) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }).end(DATABASE_UNAVAILABLE_MESSAGE);
			else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('服务器内部错误，请稍后重试');
		});
		return true;
	};
}

/** The page's HTML: app.html filled in as SvelteKit fills it for a page without JavaScript. */
function verifyPage(certificate: PublicCertificate | null, problem: { status: number; message: string } | null) {
	const { head, body } = render(VerifyDocument, { props: { certificate, problem } });
	return template
		.replace('%sveltekit.head%', () => `<style>${stylesheet}</style>${head}`)
		.replace('%sveltekit.body%', () => body)
		.replaceAll('%sveltekit.assets%', '');
}
