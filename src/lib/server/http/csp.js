// The Content-Security-Policy of every page. Plain JavaScript because svelte.config.js (run by
// Node before any build) gives it to SvelteKit's kit.csp, and the verification fast route
// (certificates/verify-route.ts), which renders outside SvelteKit, sends the same one.

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} SvelteKit's form: keywords unquoted; it adds the script nonce. */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self'],
	// Svelte renders style="…" and style:prop as attributes in the server's HTML (app.html's
	// wrapper, bar widths, the verification page's inlined stylesheet), and no nonce or hash can
	// cover an attribute. Inline style can restyle a page but cannot run code.
	'style-src': ['self', 'unsafe-inline'],
	// Lesson figures, videos and captions are uploads served from /files/… on this site; the QR
	// codes are inline SVG markup, not data: URIs.
	'img-src': ['self'],
	'media-src': ['self'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	// No one may frame the site: clickjacking the exam, check-in or certificate buttons.
	'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes']);

/** The header value for a page that runs no script of its own (SvelteKit renders the others). */
export function cspHeader(directives = cspDirectives) {
	return Object.entries(directives)
		.map(([name, values]) => [name, ...(/** @type {string[]} */ (values)).map((v) => (KEYWORDS.has(v) ? `'${v}'` : v))].join(' '))
		.join('; ');
}
